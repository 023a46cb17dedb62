// Everything the dashboard shows, and the questions views and `update` ask of it; changed only by `update`.

import AirlockCore
import AirlockStore
import Foundation

/// Everything the dashboard shows; changed only by `update`.
public struct AppState: Equatable, Sendable {
    public var snapshot: Snapshot {
        // What the panels show on a roomy screen: worked out once per read of the root, not per frame.
        didSet { panels = PanelDigest.compute(snapshot) }
    }
    /// The environment panels' facts for a roomy screen (services, flags, soak, last deploys), from `snapshot`.
    public private(set) var panels: [String: PanelFacts] = [:]
    public var pending: [PendingPromotion] = []
    public var now: Date
    public var lastRead: Date
    public var actor: String
    public var watchMode = WatchMode.inotify
    public var themeName = "default"
    /// The themes `t` cycles through, in order (the catalog's names).
    public var themeNames: [String] = []
    /// NO_COLOR is set: every theme shows as monochrome, and the status line says so when one is chosen.
    public var noColor = false
    public var selected: String?
    public var overlays: [Overlay] = []
    public var filter = ""
    public var message: StatusMessage?
    /// An action runs in the background: no confirmed action starts until its result arrives (checklist ticks
    /// queue behind it).
    public var busy = false
    public var width: Int
    public var height: Int
    public var demo = false
    /// With sync.git: when the root last synced, and the last sync error.
    public var syncEnabled = false
    public var syncedAt: Date?
    public var syncError: String?
    /// What the open log view has read of the audit log (nil while it is closed).
    public var logPage: AuditPage?
    /// What the open delivery-metrics view holds (nil while it is closed).
    public var statsPage: StatsPage?
    /// On a fleet root: the fleet screen. The fields above then hold the pipeline it acts on or has open.
    public var fleet: FleetState?

    public init(snapshot: Snapshot, now: Date, actor: String, width: Int, height: Int) {
        self.snapshot = snapshot
        self.panels = PanelDigest.compute(snapshot)
        self.now = now
        self.lastRead = now
        self.actor = actor
        self.width = width
        self.height = height
        recompute()
        selected = visibleEnvironments.first?.name
    }

    public var pipeline: Pipeline? { snapshot.pipeline }

    mutating func recompute() {
        pending = Rules.pending(snapshot: snapshot, now: now)
        if let sel = selected, pipeline?.environment(named: sel) == nil { selected = visibleEnvironments.first?.name }
    }

    func matches(_ text: String) -> Bool {
        filter.isEmpty || text.localizedCaseInsensitiveContains(filter)
    }

    /// Environments shown (the filter matches a name or a version).
    public var visibleEnvironments: [EnvironmentConfig] {
        (pipeline?.environments ?? []).filter { env in
            matches(env.name) || matches(snapshot.environments[env.name]?.version ?? "")
        }
    }

    public var visiblePending: [PendingPromotion] {
        pending.filter { matches($0.version) || matches($0.from) || matches($0.to) }
    }

    /// The pending promotion into the selected environment.
    public var selectedPending: PendingPromotion? {
        pending.first { $0.to == selected }
    }

    /// The release the selection is about: the one waiting to enter the selected environment, else the one running
    /// there.
    public var selectedRelease: String? {
        selectedPending?.version ?? selected.flatMap { snapshot.environments[$0]?.version }
    }

    /// The checklist titles by item id, for the words that explain a blocker.
    public var titles: [String: String] { Facts.checklistTitles(pipeline) }

    /// Whether an audit entry passes the filter (the log view shows only those).
    public func logMatches(_ e: AuditEntry) -> Bool {
        filter.isEmpty || matches(e.version) || matches(e.actor) || matches(e.environment ?? "")
    }

    /// Rows of entries the log view shows at once.
    var logRows: Int { max(1, height - 5) }

    /// Entries the log view needs read for a scroll position: what it shows plus a page of margin.
    func logWant(scroll: Int) -> Int { scroll + 2 * logRows + 20 }

    mutating func say(_ text: String, error: Bool = false) {
        message = StatusMessage(text: text, isError: error, at: now)
    }
}
