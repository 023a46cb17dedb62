// Themes: the bundled ones parse, the user's win, broken ones name file, line and key; colors downgrade.

import Foundation
import Testing

@testable import AirlockTUI

@Suite struct ThemeTests {
    @Test func everyBundledThemeParses() throws {
        let catalog = ThemeCatalog.load(environment: ["HOME": "/nonexistent"], localFolder: nil)
        #expect(catalog.names.count >= 5)
        #expect(catalog.names.first == "default")
        for n in ["default", "light", "high-contrast", "nord", "monochrome"] {
            let t = try catalog.theme(n)
            #expect(t.name == n)
        }
        #expect(try catalog.theme("default").style(.healthy).fg == 2)
        #expect(try catalog.theme("monochrome").style(.healthy).fg == -1)
    }

    @Test func userThemesWin() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-themes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let themes = dir.appendingPathComponent("airlock/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try "name: default\nroles:\n  healthy: {fg: blue}\n".write(
            to: themes.appendingPathComponent("default.yaml"), atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog.load(environment: ["XDG_CONFIG_HOME": dir.path], localFolder: nil)
        #expect(try catalog.theme("default").style(.healthy).fg == 4)
    }

    /// Each broken theme must throw (a parser that skipped an unknown role or color would fail here), and the
    /// error names the file, the line and the key.
    @Test func brokenThemeNamesFileLineAndKey() {
        let color = #expect(throws: ThemeError.self) {
            try Theme.parse("name: x\nroles:\n  healthy: {fg: grene}\n", path: "t.yaml")
        }
        #expect(
            color?.description
                == "t.yaml:3: roles.healthy.fg: unknown color \"grene\" (a name like green, 0-255, or #rrggbb)")
        let role = #expect(throws: ThemeError.self) {
            try Theme.parse("name: x\nroles:\n  shiny: {fg: red}\n", path: "t.yaml")
        }
        #expect(role?.description.hasPrefix("t.yaml:3: roles.shiny: unknown role") == true)
    }

    @Test func embeddedCopiesMatchTheFolders() throws {
        // Tests/AirlockTUITests/Theme/ThemeTests.swift: four levels below the top of the package.
        let top = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for (folder, embedded) in [
            ("themes", Embedded.themes), ("examples/demo", Embedded.demo), ("examples/demo-fleet", Embedded.demoFleet),
        ] {
            let base = top.appendingPathComponent(folder).path
            var onDisk: [String: String] = [:]
            let e = FileManager.default.enumerator(atPath: base)
            while let rel = e?.nextObject() as? String {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: base + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                    onDisk[rel] = String(
                        decoding: FileManager.default.contents(atPath: base + "/" + rel) ?? Data(), as: UTF8.self)
                }
            }
            let inBinary = Dictionary(embedded, uniquingKeysWith: { a, _ in a })
            #expect(inBinary == onDisk, "\(folder) changed: run python3 scripts/embed.py")
        }
    }

    @Test func colorsDowngradeOnSmallTerminals() {
        #expect(Palette.downgrade(196, available: 8) == 1)
        #expect(Palette.downgrade(2, available: 8) == 2)
        #expect(Palette.downgrade(-1, available: 8) == -1)
        #expect(Theme.color("#a3be8c") != nil)
    }
}
