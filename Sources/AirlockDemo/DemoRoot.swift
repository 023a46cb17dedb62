// The demo command's status root: the bundled example pipeline, copied to a temporary folder.

import AirlockStore
import AirlockTUI
import Foundation

/// The bundled demo root, copied to a temporary folder.
public enum DemoRoot {
    public static func create() throws -> String {
        var template = Array((FileManager.default.temporaryDirectory.path + "/airlock-demo-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buf -> String? in
            guard let base = buf.baseAddress, let p = mkdtemp(base) else { return nil }
            return String(cString: p)
        }
        guard let root = made else { throw StoreIOError("cannot create a temporary folder") }
        for (rel, text) in Embedded.demo {
            try Files.atomicWrite(text, to: root + "/" + rel)
        }
        return root
    }
}
