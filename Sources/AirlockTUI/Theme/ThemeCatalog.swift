// Theme catalog: the themes on offer, from the user's folder, ./themes and the built-in copies, by name.

import AirlockStore
import Foundation

/// Where themes come from: the user's folder wins over ./themes, which wins over the built-in ones.
public struct ThemeCatalog: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var source: String
        public var text: String
    }
    public var entries: [Entry]

    public static func userFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/airlock/themes" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/airlock/themes"
    }

    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment, localFolder: String? = "themes"
    ) -> ThemeCatalog {
        var byName: [String: Entry] = [:]
        for (file, text) in Embedded.themes {
            let name = String(file.dropLast(5))
            byName[name] = Entry(name: name, source: "built-in themes/\(file)", text: text)
        }
        for folder in [localFolder, userFolder(environment: environment)].compactMap({ $0 }) {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for f in files.sorted() where f.hasSuffix(".yaml") {
                // A FIFO or a huge file in a theme folder is skipped, never waited on.
                guard case .success(let bytes) = StatusFileReader.read(folder + "/" + f, limit: Self.maxThemeSize)
                else {
                    continue
                }
                let name = String(f.dropLast(5))
                byName[name] = Entry(name: name, source: folder + "/" + f, text: String(decoding: bytes, as: UTF8.self))
            }
        }
        let names = byName.keys.sorted { a, b in a == "default" ? true : b == "default" ? false : a < b }
        return ThemeCatalog(entries: names.compactMap { byName[$0] })
    }

    public var names: [String] { entries.map(\.name) }

    /// Themes are a few hundred bytes; anything far larger is not one.
    static let maxThemeSize = 1024 * 1024

    /// A theme by name, or from a file path (anything with a '/' or ending in .yaml).
    public func theme(_ nameOrPath: String) throws(ThemeError) -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") {
            let bytes: [UInt8]
            switch StatusFileReader.read(nameOrPath, limit: Self.maxThemeSize) {
            case .success(let b): bytes = b
            case .failure(let f): throw ThemeError(path: nameOrPath, line: nil, message: f.reason)
            }
            return try Theme.parse(String(decoding: bytes, as: UTF8.self), path: nameOrPath)
        }
        guard let e = entries.first(where: { $0.name == nameOrPath }) else {
            throw ThemeError(
                path: nameOrPath, line: nil, message: "no such theme (available: \(names.joined(separator: ", ")))")
        }
        return try Theme.parse(e.text, path: e.source)
    }
}
