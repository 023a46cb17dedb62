// The release checklist's items: the built-in ones and their titles.
import Foundation

public struct ChecklistItem: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Computed items (`approval`) cannot be ticked.
    public var computed: Bool

    public static let approvalID = "approval"

    public static let builtIn: [ChecklistItem] = [
        .init(id: "code-freeze", title: "Code freeze: the code is stable, no new features", computed: false),
        .init(id: "feature-complete", title: "All planned features are implemented", computed: false),
        .init(id: "internal-testing", title: "Internal testing done, significant issues resolved", computed: false),
        .init(id: "tests-passed", title: "Unit, integration and performance tests passed in staging", computed: false),
        .init(id: "bug-fixes-applied", title: "Bugs found in staging are fixed", computed: false),
        .init(id: "migrations-tested", title: "Data migrations tested on a production snapshot", computed: false),
        .init(id: "config-verified", title: "Configuration changes verified in staging", computed: false),
        .init(id: "flags-verified", title: "Feature flags switch on and off cleanly", computed: false),
        .init(id: "approval", title: "Stakeholders approved", computed: true),
        .init(id: "user-readiness", title: "Users and support are ready for the release", computed: false),
        .init(id: "rollback-plan", title: "A rollback plan exists and was tried", computed: false),
        .init(id: "monitoring", title: "Monitoring and alerting cover the release", computed: false),
    ]
}
