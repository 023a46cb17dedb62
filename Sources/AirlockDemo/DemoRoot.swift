// The demo command's status roots: the bundled example pipeline or the bundled fleet, copied to a temporary folder.

import AirlockStore
import AirlockTUI
import Foundation

/// The bundled demo roots, copied to a temporary folder.
public enum DemoRoot {
    /// A copy of examples/demo (one pipeline); with `shiftedTo`, its times moved forward by whole weeks to that
    /// moment (DemoTimeShift), so its history is recent.
    public static func create(shiftedTo now: Date? = nil) throws -> String {
        let offset = now.map(DemoTimeShift.offset) ?? 0
        return try copy(Embedded.demo.map { ($0.0, DemoTimeShift.shift($0.1, by: offset)) }, prefix: "airlock-demo")
    }

    /// A copy of examples/demo-fleet: a fleet root whose folders are six pipelines of different shapes.
    public static func createFleet() throws -> String {
        try copy(Embedded.demoFleet, prefix: "airlock-demo-fleet")
    }

    private static func copy(_ files: [(String, String)], prefix: String) throws -> String {
        var template = Array((FileManager.default.temporaryDirectory.path + "/\(prefix)-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buf -> String? in
            guard let base = buf.baseAddress, let p = mkdtemp(base) else { return nil }
            return String(cString: p)
        }
        guard let root = made else { throw StoreIOError("cannot create a temporary folder") }
        for (rel, text) in files {
            try Files.atomicWrite(text, to: root + "/" + rel)
        }
        return root
    }
}
