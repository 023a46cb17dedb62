// Something that changes the root while the dashboard runs (the demo's CI and CD), with news for the status line.

/// Started with the dashboard and stopped when it ends; `report` puts a line on the status line.
public protocol DashboardSimulator: AnyObject, Sendable {
    func start(report: @escaping @Sendable (String) -> Void)
    func stop()
}
