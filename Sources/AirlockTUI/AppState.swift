import AirlockCore
import AirlockStore
import Foundation

/// A key press, decoded from curses.
public enum Key: Equatable, Sendable {
    case char(Character)
    case up, down, left, right, tab, backTab, enter, esc, backspace, pageUp, pageDown, home, end, ctrlL
}

/// A change the dashboard asks the store to make; every one goes through `Store`, as the command line does.
public enum Action: Equatable, Sendable {
    case promote(version: String, to: String)
    case rollback(environment: String, to: String)
    case approve(version: String, environment: String)
    case setItem(version: String, item: String, done: Bool)

    var verb: String {
        switch self {
        case .promote: return "promoting"
        case .rollback: return "rolling back"
        case .approve: return "approving"
        case .setItem: return "updating checklist"
        }
    }
}

public struct Confirmation: Equatable, Sendable {
    public var action: Action
    public var prompt: String
    /// For a protected environment the operator types its name.
    public var typeToConfirm: String?
    public var typed: String = ""
}

public enum Overlay: Equatable, Sendable {
    case help(scroll: Int)
    case details(environment: String, scroll: Int)
    case checklist(version: String, target: String?, cursor: Int)
    case log(scroll: Int)
    case drift(environment: String)
    case confirm(Confirmation)
    case filter(String)
    /// Choosing the version to roll an environment back to, when the audit log does not say.
    case pickRollback(environment: String, versions: [String], cursor: Int)
}

public enum Msg: Sendable {
    case key(Key)
    case loaded(Snapshot, at: Date)
    case tick(Date)
    case resize(width: Int, height: Int)
    case actionDone(message: String, isError: Bool)
    /// An action has waited a second for the root's lock: whom it waits for.
    case lockWait(String)
    case themeChanged(name: String, error: String?)
    case watchMode(String)
    /// A background git sync finished (SPEC "Sharing the root through git").
    case synced(at: Date, error: String?)
    /// The log view's entries, read from the end of the audit log as far as it needs.
    case logRead(AuditPage)
    /// What a rollback of an environment may return to, read from the audit log by the store.
    case rollbackChoices(RollbackChoices)
}

public enum Effect: Equatable, Sendable {
    case quit
    case repaint
    case perform(Action)
    case nextTheme
    /// Read the audit log for the log view until it holds `want` entries (new lines first).
    case readLog(want: Int)
    /// Ask the store what a rollback of the environment may return to (it reads the audit log backwards).
    case findRollback(environment: String)
}

public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public var at: Date
}

/// Everything the dashboard shows; changed only by `update`.
public struct AppState: Sendable {
    public var snapshot: Snapshot
    public var pending: [PendingPromotion] = []
    public var now: Date
    public var lastRead: Date
    public var actor: String
    public var watchMode = "inotify"
    public var themeName = "default"
    public var selected: String?
    public var overlays: [Overlay] = []
    public var filter = ""
    public var message: StatusMessage?
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

    public init(snapshot: Snapshot, now: Date, actor: String, width: Int, height: Int) {
        self.snapshot = snapshot
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

    /// The release the selection is about: the one waiting to enter the selected environment, else the one running there.
    public var selectedRelease: String? {
        selectedPending?.version ?? selected.flatMap { snapshot.environments[$0]?.version }
    }

    public var titles: [String: String] {
        Dictionary(
            (pipeline?.checklistItems ?? ChecklistItem.builtIn).map { ($0.id, $0.title) },
            uniquingKeysWith: { a, _ in a })
    }

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

/// The dashboard's logic: a pure function of (state, message).
public enum Update {
    public static func update(_ s: inout AppState, _ msg: Msg) -> [Effect] {
        switch msg {
        case .loaded(let snap, let at):
            s.snapshot = snap
            s.lastRead = at
            s.now = max(s.now, at)
            s.recompute()
            // The open log view reads what was appended (only that: it already holds what it shows).
            if case .log(let scroll)? = s.overlays.last {
                return [.readLog(want: max(s.logPage?.entries.count ?? 0, s.logWant(scroll: scroll)))]
            }
            return []
        case .logRead(let page):
            if case .log? = s.overlays.last { s.logPage = page }
            return []
        case .rollbackChoices(let c):
            rollbackChoices(&s, c)
            return []
        case .tick(let now):
            s.now = now
            s.recompute()
            // A message fades after a while, errors later.
            if let m = s.message, now.timeIntervalSince(m.at) > (m.isError ? 30 : 10) { s.message = nil }
            return []
        case .resize(let w, let h):
            s.width = w
            s.height = h
            return [.repaint]
        case .actionDone(let message, let isError):
            s.busy = false
            s.say(message, error: isError)
            return []
        case .lockWait(let text):
            // Shown as long as an error (30 s, the lock's default wait): the action's result replaces it.
            s.say(text, error: true)
            return []
        case .themeChanged(let name, let error):
            if let error {
                s.say(error, error: true)
            } else {
                s.themeName = name
                s.say("theme: \(name)")
            }
            return []
        case .watchMode(let mode):
            s.watchMode = mode
            return []
        case .synced(let at, let error):
            s.syncEnabled = true
            if let error {
                s.syncError = error
            } else {
                s.syncedAt = at
                s.syncError = nil
            }
            return []
        case .key(let key):
            if key == .ctrlL { return [.repaint] }
            if let top = s.overlays.last { return overlayKey(&s, top, key) }
            return mainKey(&s, key)
        }
    }

    static func moveEnvironment(_ s: inout AppState, by delta: Int) {
        let envs = s.visibleEnvironments.map(\.name)
        guard !envs.isEmpty else { return }
        let i = s.selected.flatMap { envs.firstIndex(of: $0) } ?? 0
        s.selected = envs[(i + delta + envs.count) % envs.count]
    }

    static func movePending(_ s: inout AppState, by delta: Int) {
        let rows = s.visiblePending
        guard !rows.isEmpty else {
            moveEnvironment(&s, by: delta)
            return
        }
        if let i = rows.firstIndex(where: { $0.to == s.selected }) {
            let j = max(0, min(rows.count - 1, i + delta))
            s.selected = rows[j].to
        } else {
            s.selected = (delta > 0 ? rows.first : rows.last)?.to
        }
    }

    static func mainKey(_ s: inout AppState, _ key: Key) -> [Effect] {
        switch key {
        case .tab, .right, .char("l"): moveEnvironment(&s, by: 1)
        case .backTab, .left, .char("h"): moveEnvironment(&s, by: -1)
        case .down, .char("j"): movePending(&s, by: 1)
        case .up, .char("k"): movePending(&s, by: -1)
        case .char("q"): return [.quit]
        case .char("?"): s.overlays.append(.help(scroll: 0))
        case .char("L"):
            s.overlays.append(.log(scroll: 0))
            s.logPage = nil
            return [.readLog(want: s.logWant(scroll: 0))]
        case .char("t"): return [.nextTheme]
        case .char("/"): s.overlays.append(.filter(s.filter))
        case .esc:
            if !s.filter.isEmpty {
                s.filter = ""
                s.say("filter cleared")
            }
        case .enter:
            if let env = s.selected { s.overlays.append(.details(environment: env, scroll: 0)) }
        case .char("d"):
            guard let env = s.selected, let p = s.pipeline, let i = p.index(of: env) else { break }
            if i + 1 < p.environments.count {
                s.overlays.append(.drift(environment: env))
            } else {
                s.say("\(env) is the last environment; select one with a next to compare", error: true)
            }
        case .char("c"):
            guard let version = s.selectedRelease else {
                s.say("no release selected", error: true)
                break
            }
            // The environment the release heads for: the one it waits to enter, else the one after where it runs.
            let next = s.selected.flatMap { sel in s.pipeline?.index(of: sel) }.flatMap { i in
                i + 1 < (s.pipeline?.environments.count ?? 0) ? s.pipeline?.environments[i + 1].name : nil
            }
            s.overlays.append(.checklist(version: version, target: s.selectedPending?.to ?? next, cursor: 0))
        case .char("p"): return promote(&s)
        case .char("a"): return approve(&s)
        case .char("r"): return rollback(&s)
        default: break
        }
        return []
    }

    static func blockedWords(_ s: AppState, _ p: PendingPromotion) -> String {
        p.blockers.map { $0.explanation(now: s.now, titles: [:]) }.joined(separator: "; ")
    }

    static func promote(_ s: inout AppState) -> [Effect] {
        guard let env = s.selected, let cfg = s.pipeline?.environment(named: env) else { return [] }
        guard let p = s.selectedPending else {
            s.say("nothing is waiting to enter \(env)", error: true)
            return []
        }
        switch p.state {
        case .inProgress:
            s.say("\(p.version) into \(env) is already requested and in progress", error: true)
        case .blocked:
            s.say("\(p.version) cannot enter \(env): \(blockedWords(s, p))", error: true)
        case .ready:
            if cfg.protected && !cfg.approvers.contains(s.actor) {
                s.say("\(s.actor) is not an approver of \(env) and cannot promote into it", error: true)
                return []
            }
            s.overlays.append(
                .confirm(
                    Confirmation(
                        action: .promote(version: p.version, to: env),
                        prompt: "Promote \(p.version) from \(p.from) into \(env)?",
                        typeToConfirm: cfg.protected ? env : nil)))
        }
        return []
    }

    static func approve(_ s: inout AppState) -> [Effect] {
        guard let env = s.selected, let cfg = s.pipeline?.environment(named: env) else { return [] }
        guard let p = s.selectedPending else {
            s.say("nothing is waiting to enter \(env), so there is nothing to approve", error: true)
            return []
        }
        guard cfg.approvers.contains(s.actor) else {
            s.say("\(s.actor) is not an approver of \(env)", error: true)
            return []
        }
        if s.snapshot.releases[p.version]?.approvals.contains(where: { $0.by == s.actor && $0.environment == env })
            == true
        {
            s.say("\(s.actor) already approved \(p.version) for \(env)")
            return []
        }
        s.overlays.append(
            .confirm(
                Confirmation(
                    action: .approve(version: p.version, environment: env),
                    prompt: "Approve \(p.version) for \(env) as \(s.actor)?", typeToConfirm: nil)))
        return []
    }

    static func rollback(_ s: inout AppState) -> [Effect] {
        guard let env = s.selected, let cfg = s.pipeline?.environment(named: env) else { return [] }
        guard let current = s.snapshot.environments[env]?.version else {
            s.say("\(env) reports no version; there is nothing to roll back", error: true)
            return []
        }
        if cfg.protected && !cfg.approvers.contains(s.actor) {
            s.say("\(s.actor) is not an approver of \(env) and cannot roll it back", error: true)
            return []
        }
        // The recent lines usually say what ran before; otherwise the store reads further back in the log.
        guard let target = Rules.rollbackTarget(env: env, snapshot: s.snapshot),
            ReleaseOrder.precedes(target, current, releases: s.snapshot.releases)
        else {
            s.say("reading what \(env) ran before \(current)…")
            return [.findRollback(environment: env)]
        }
        confirmRollback(&s, env: env, to: target)
        return []
    }

    /// Offers what the store found a rollback may return to: its default target, else only the allowed versions.
    static func rollbackChoices(_ s: inout AppState, _ c: RollbackChoices) {
        let env = c.environment
        if let error = c.error {
            s.say("cannot roll \(env) back: \(error)", error: true)
        } else if let target = c.target {
            confirmRollback(&s, env: env, to: target)
        } else if c.versions.isEmpty {
            s.say(
                "no earlier version \(env) ran is known; nothing to roll back to (to move it, use promote)",
                error: true)
        } else {
            s.say("the audit log does not say what \(env) ran before \(c.current): choose a version")
            s.overlays.append(.pickRollback(environment: env, versions: c.versions, cursor: 0))
        }
    }

    static func confirmRollback(_ s: inout AppState, env: String, to target: String) {
        guard let cfg = s.pipeline?.environment(named: env) else { return }
        let current = s.snapshot.environments[env]?.version ?? "—"
        s.overlays.append(
            .confirm(
                Confirmation(
                    action: .rollback(environment: env, to: target),
                    prompt: "Roll \(env) back from \(current) to \(target)?",
                    typeToConfirm: cfg.protected ? env : nil)))
    }

    static func overlayKey(_ s: inout AppState, _ top: Overlay, _ key: Key) -> [Effect] {
        func replaceTop(_ o: Overlay) { s.overlays[s.overlays.count - 1] = o }
        func close() { s.overlays.removeLast() }
        switch top {
        case .confirm(var c):
            switch key {
            case .esc:
                close()
                s.say("cancelled")
            case .enter:
                if let name = c.typeToConfirm, c.typed != name {
                    s.say("type \(name) exactly to confirm, or Esc to cancel", error: true)
                    return []
                }
                close()
                s.busy = true
                s.say("\(c.action.verb)…")
                return [.perform(c.action)]
            case .backspace:
                if c.typeToConfirm != nil, !c.typed.isEmpty {
                    c.typed.removeLast()
                    replaceTop(.confirm(c))
                }
            case .char(let ch):
                if c.typeToConfirm != nil {
                    if c.typed.count < 64 {
                        c.typed.append(ch)
                        replaceTop(.confirm(c))
                    }
                } else if ch == "y" || ch == "Y" {
                    close()
                    s.busy = true
                    s.say("\(c.action.verb)…")
                    return [.perform(c.action)]
                } else if ch == "n" || ch == "N" || ch == "q" {
                    close()
                    s.say("cancelled")
                }
            default: break
            }
            return []
        case .pickRollback(let env, let versions, let cursor):
            switch key {
            case .esc, .char("q"):
                close()
                s.say("cancelled")
            case .down, .char("j"):
                replaceTop(
                    .pickRollback(environment: env, versions: versions, cursor: min(versions.count - 1, cursor + 1)))
            case .up, .char("k"):
                replaceTop(.pickRollback(environment: env, versions: versions, cursor: max(0, cursor - 1)))
            case .enter:
                close()
                confirmRollback(&s, env: env, to: versions[cursor])
            default: break
            }
            return []
        case .filter(var text):
            switch key {
            case .esc:
                close()
                s.filter = ""
            case .enter:
                close()
                s.filter = text
            case .backspace:
                if !text.isEmpty { text.removeLast() }
                s.filter = text
                replaceTop(.filter(text))
            case .char(let ch):
                if text.count < 64 { text.append(ch) }
                s.filter = text
                replaceTop(.filter(text))
            default: break
            }
            if let first = s.visibleEnvironments.first,
                !s.visibleEnvironments.contains(where: { $0.name == s.selected })
            {
                s.selected = first.name
            }
            return []
        default: break
        }
        // Views that only show: Esc closes, q quits, arrows scroll.
        switch key {
        case .esc:
            close()
            if case .log = top { s.logPage = nil }
            return []
        case .char("q"): return [.quit]
        case .ctrlL: return [.repaint]
        default: break
        }
        let page = max(1, s.height - 8)
        func scrolled(_ v: Int) -> Int {
            switch key {
            case .down, .char("j"): return v + 1
            case .up, .char("k"): return max(0, v - 1)
            case .pageDown: return v + page
            case .char(" ") where !isChecklist(top): return v + page
            case .pageUp: return max(0, v - page)
            case .home, .char("g"): return 0
            case .end, .char("G"): return Int.max / 2
            default: return v
            }
        }
        switch top {
        case .help(let v):
            if key == .char("?") { close() } else { replaceTop(.help(scroll: scrolled(v))) }
        case .details(let env, let v):
            replaceTop(.details(environment: env, scroll: scrolled(v)))
        case .log(let v):
            if key == .char("L") {
                close()
                s.logPage = nil
                break
            }
            // Never past what was read; when near its end, read more (backwards from where reading stopped).
            let held = s.logPage?.entries.count ?? 0
            let scroll = max(0, min(scrolled(v), held - s.logRows))
            replaceTop(.log(scroll: scroll))
            if let page = s.logPage, !page.reachedStart, scrolled(v) != v, s.logWant(scroll: scrolled(v)) > held {
                return [.readLog(want: min(s.logWant(scroll: scrolled(v)), held + 10 * s.logRows + 100))]
            }
        case .drift:
            if key == .char("d") { close() }
        case .checklist(let version, let target, let cursor):
            let items = checklistRows(s)
            switch key {
            case .char(" "), .enter:
                guard cursor < items.count else { break }
                let item = items[cursor]
                if item.computed {
                    s.say(
                        "approval is computed from recorded approvals; press a on the release to approve", error: true)
                    break
                }
                let done = s.snapshot.releases[version]?.isDone(item.id) == true
                s.busy = true
                s.say("\(done ? "unticking" : "ticking") \(item.id)…")
                return [.perform(.setItem(version: version, item: item.id, done: !done))]
            case .char("c"): close()
            default:
                let next = min(
                    max(0, scrolled(cursor) == Int.max / 2 ? items.count - 1 : scrolled(cursor)),
                    max(0, items.count - 1))
                replaceTop(.checklist(version: version, target: target, cursor: next))
            }
        default: break
        }
        return []
    }

    static func isChecklist(_ o: Overlay) -> Bool {
        if case .checklist = o { return true }
        return false
    }

    /// The items a release's checklist shows, in order.
    public static func checklistRows(_ s: AppState) -> [ChecklistItem] {
        s.pipeline?.checklistItems ?? ChecklistItem.builtIn
    }
}
