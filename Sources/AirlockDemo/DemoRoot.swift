// The demo command's status roots: the bundled example pipeline or the bundled fleet, copied to a temporary folder.

import AirlockStore
import AirlockTUI
import Foundation

/// The bundled demo roots, copied to a temporary folder.
public enum DemoRoot {
    /// A copy of examples/demo (one pipeline).
    public static func create() throws -> String {
        try copy(Embedded.demo, prefix: "airlock-demo")
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
