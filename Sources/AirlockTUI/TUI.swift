import AirlockCore
import AirlockStore
import Foundation

/// Entry point of the dashboard.
public enum DashboardApp {
    public static func run(root: String, theme: String?, demo: DemoSimulator?) -> Int32 {
        FileHandle.standardError.write(Data("airlock: the dashboard is not built yet\n".utf8))
        return 1
    }
}

public final class DemoSimulator: Sendable {
    public let root: String
    public init(root: String) { self.root = root }
}

public enum DemoRoot {
    public static func create() throws -> String {
        throw StoreIOError("not yet")
    }
}
