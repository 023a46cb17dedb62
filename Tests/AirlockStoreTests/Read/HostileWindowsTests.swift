// Hostile `windows:` and `separate_duties`: bad zones, days and times, control characters, huge lists.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite("Hostile input: deploy windows") struct HostileWindowsTests {
    /// The problems of airlock.yaml with one window written as `window` (a flow mapping), read within a time limit.
    func problems(_ window: String) -> [String] {
        let start = Date()
        let snap = TempRoot(["airlock.yaml": governancePipeline("windows:\n  - " + window)]).load()
        #expect(Date().timeIntervalSince(start) < 10)
        return snap.problems.map(\.description)
    }

    @Test(arguments: [
        ("Mars/Base", #"windows[0].zone: "Mars/Base" is not a time zone (an IANA name like Europe/Berlin, or UTC)"#),
        ("../../etc/passwd", #"windows[0].zone: "../../etc/passwd" is not a time zone"#),
        ("/usr/share/zoneinfo/UTC", #"windows[0].zone: "/usr/share/zoneinfo/UTC" is not a time zone"#),
        ("\"Europe/Berlin\\0x\"", "windows[0].zone: \"Europe/Berlin\u{0}x\" is not a time zone"),
        ("\"\"", #"windows[0].zone: "" is not a time zone"#),
        ("europe/berlin", #"windows[0].zone: "europe/berlin" is not a time zone"#),
        ("[UTC]", "windows[0].zone: expected text"),
        ("PST", #"windows[0].zone: "PST" is not a time zone (an IANA name like Europe/Berlin, or UTC)"#),
        ("CEST", #"windows[0].zone: "CEST" is not a time zone"#),
        ("GMT+5", #"windows[0].zone: "GMT+5" is not a time zone"#),
        ("UTC+5", #"windows[0].zone: "UTC+5" is not a time zone"#),
        ("utc", #"windows[0].zone: "utc" is not a time zone"#),
        ("GMT", #"windows[0].zone: "GMT" is not a time zone"#),
        ("Europe/", #"windows[0].zone: "Europe/" is not a time zone"#),
    ])
    func aBadZoneIsAProblemWithPathAndLine(zone: String, message: String) {
        let found = problems("{environments: [production], from: \"09:00\", until: \"10:00\", zone: \(zone)}")
        #expect(found.count == 1 && found.first?.hasPrefix("airlock.yaml:9: " + message) == true, "\(found)")
    }

    @Test(arguments: [
        ("[funday]", #"windows[0].days[0]: "funday" is not a day (mon, tue, wed, thu, fri, sat, sun)"#),
        ("[]", "windows[0].days: expected at least one day (leave days out for every day)"),
        ("[mon, Mon]", "windows[0].days[1]: mon is listed twice"),
        ("mon", "windows[0].days: expected a list"),
        ("[mon, tue, wed, thu, fri, sat, sun, mon]", "windows[0].days: at most 7 days, found 8"),
        ("[[mon]]", "windows[0].days[0]: expected text"),
    ])
    func aBadDayIsAProblem(days: String, message: String) {
        let found = problems("{environments: [production], days: \(days), from: \"09:00\", until: \"10:00\"}")
        #expect(found == ["airlock.yaml:9: " + message])
    }

    @Test(arguments: [
        (
            "\"25:00\"", "\"10:00\"",
            #"windows[0].from: "25:00" is not a time of day (expected "HH:MM", 00:00 to 23:59)"#
        ),
        ("\"24:00\"", "\"10:00\"", #"windows[0].from: "24:00" is not a time of day"#),
        ("\"09:00\"", "\"9\"", #"windows[0].until: "9" is not a time of day (expected "HH:MM", 00:00 to 24:00)"#),
        ("\"09:00\"", "\"09:00\"", "windows[0].until: equals from"),
        ("\"9:00 am\"", "\"10:00\"", #"windows[0].from: "9:00 am" is not a time of day"#),
        ("\"09:00\"", "{h: 1}", "windows[0].until: expected text"),
        ("\"9:00\"", "\"10:00\"", #"windows[0].from: "9:00" is not a time of day (expected "HH:MM""#),
        ("\"09:00\"", "\"10:5\"", #"windows[0].until: "10:5" is not a time of day"#),
        ("\"09:00\"", "\"24:30\"", #"windows[0].until: "24:30" is not a time of day"#),
    ])
    func aBadTimeIsAProblem(from: String, until: String, message: String) {
        let found = problems("{environments: [production], from: \(from), until: \(until)}")
        #expect(found.count == 1 && found.first?.hasPrefix("airlock.yaml:9: " + message) == true, "\(found)")
    }

    @Test func anEmptyEnvironmentListIsAProblem() {
        #expect(
            problems("{environments: [], from: \"09:00\", until: \"10:00\"}") == [
                "airlock.yaml:9: windows[0].environments: expected 1 to 16 environments, found none"
            ])
    }

    @Test(arguments: ["UTC", "Europe/Berlin", "Etc/GMT+5", "America/Argentina/Buenos_Aires"])
    func utcAndAreaLocationNamesAreZones(zone: String) {
        #expect(problems("{environments: [production], from: \"09:00\", until: \"24:00\", zone: \(zone)}") == [])
    }

    @Test func missingKeysAndUnknownEnvironmentsAreProblems() {
        #expect(
            problems("{from: \"09:00\"}") == [
                "airlock.yaml:9: windows[0].environments: required key missing",
                "airlock.yaml:9: windows[0].until: required key missing",
            ])
        #expect(
            problems("{environments: [prod], from: \"09:00\", until: \"10:00\"}") == [
                #"airlock.yaml:9: windows[0].environments: "prod" is not an environment of this pipeline"#
            ])
    }

    @Test(arguments: ["\"a\\u001b[31mb\"", "\"a\\nb\"", "\"a\\rb\"", "\"a\\u202eb\"", "\"a\\u0085b\"", "\"\""])
    func aNameWithControlCharactersOrEmptyIsAProblem(name: String) {
        let found = problems("{environments: [production], from: \"09:00\", until: \"10:00\", name: \(name)}")
        #expect(found.count == 1 && found.first?.hasPrefix("airlock.yaml:9: windows[0].name: ") == true, "\(found)")
    }

    @Test func aLongNameIsAProblem() {
        let name = String(repeating: "w", count: 65)
        let found = problems("{environments: [production], from: \"09:00\", until: \"10:00\", name: \(name)}")
        #expect(found == ["airlock.yaml:9: windows[0].name: expected 1 to 64 characters"])
    }

    @Test func hugeListsAreOneProblemEachAndQuick() {
        let many = (0..<100_000).map { _ in "production" }.joined(separator: ", ")
        #expect(
            problems("{environments: [\(many)], from: \"09:00\", until: \"10:00\"}") == [
                "airlock.yaml:9: windows[0].environments: at most 16 environments, found 100000"
            ])
        let windows = (0..<10_000).map { _ in "  - {environments: [production], from: \"09:00\", until: \"10:00\"}" }
        let start = Date()
        let snap = TempRoot(["airlock.yaml": governancePipeline("windows:\n" + windows.joined(separator: "\n"))]).load()
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(snap.problems.map(\.description) == ["airlock.yaml:9: windows: at most 64 windows, found 10000"])
        #expect(snap.pipeline?.windows.isEmpty == true)
    }

    @Test func sixtyFourWindowsAreEvaluatedQuickly() throws {
        // The most a pipeline may list, none open now: the blocker looks for the next opening of each.
        let windows = (0..<64).map { i in
            "  - {environments: [production], days: [sun], from: \"00:\(String(format: "%02d", i % 60))\", "
                + "until: \"01:00\", zone: Pacific/Chatham}"
        }
        let snap = TempRoot(["airlock.yaml": governancePipeline("windows:\n" + windows.joined(separator: "\n"))]).load()
        #expect(snap.problems.isEmpty, "\(snap.problems)")
        let pipeline = try #require(snap.pipeline)
        let start = Date()
        for minute in 0..<100 {
            _ = Rules.windowBlocker(on: "production", pipeline: pipeline, now: t(minute))
        }
        #expect(Date().timeIntervalSince(start) < 5, "100 evaluations of 64 windows")
    }

    private func t(_ minute: Int) -> Date {
        Date(timeIntervalSince1970: 1_795_000_000 + Double(minute) * 60)
    }
}
