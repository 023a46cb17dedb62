// The `status --json` object of a fleet: each pipeline in the one-pipeline schema, and the fleet's own problems.
import AirlockCore
import Foundation

extension Report {
    /// `{"fleet": NAME, "pipelines": [Report.status of each, in fleet order], "problems": [the fleet's own]}`.
    public static func fleetStatus(_ fleet: Fleet, now: Date) -> JSON {
        .object([
            ("fleet", .string(fleet.name)),
            ("pipelines", .array(fleet.members.map { status($0.snapshot, now: now) })),
            (
                "problems",
                .array(
                    fleet.problems.map {
                        .object([
                            ("path", .string($0.path)), ("line", $0.line.map(JSON.int) ?? .null),
                            ("message", .string($0.message)),
                        ])
                    })
            ),
        ])
    }
}
