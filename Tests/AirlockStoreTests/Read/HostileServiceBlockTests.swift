// Hostile environment files against the services list read line by line: each reads as libyaml reads it, or goes to
// libyaml whole; nothing crashes, and a huge list is read in linear time.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite("Hostile input: services list read line by line") struct HostileServiceBlockTests {
    let list = "services:\n  - name: web\n    version: 2.4.0\n    health: healthy\n  - name: api\n"

    /// The stream reader's value equals the tree decoder's, or the file is left to the tree decoder.
    func expectSameAsTheTree(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(text.utf8)
        guard let streamed = EnvironmentStream.decode(bytes, mtime: nil) else { return }
        let node = try? YAMLReader.parse(bytes)
        let (tree, problems) = Decoders.environment(node, path: "environments/x.yaml", mtime: nil)
        #expect(
            problems.isEmpty && tree == streamed, "differs for:\n\(text.debugDescription)",
            sourceLocation: sourceLocation)
    }

    func lineReader(_ text: String) -> ServiceBlock? {
        Array(text.utf8).withUnsafeBufferPointer { ServiceBlock.find($0) }
    }

    @Test func oddLineBreaksBeforeOrInsideTheListAreLeftToLibyaml() {
        // CR, CRLF, NEL (U+0085), LS (U+2028) and PS (U+2029): libyaml counts lines by them, this reader does not.
        for brk in ["\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"] {
            let before = "version: 1\ndeployed_by: a\(brk)b\n" + list
            #expect(lineReader(before) == nil, "before the list: \(brk.debugDescription)")
            expectSameAsTheTree(before)
            let inside = "version: 1\n" + list.replacingOccurrences(of: "web\n", with: "web\(brk)")
            expectSameAsTheTree(inside)
        }
    }

    @Test func controlCharactersEscapesAndNULInValuesAreLeftToLibyaml() {
        for bad in ["\u{1B}[2J", "\u{0}", "\u{7F}", "\u{9B}31m", "\t", "é"] {
            let text = "version: 1\n" + list.replacingOccurrences(of: "name: api", with: "name: a\(bad)pi")
            #expect(lineReader(text) == nil, "\(bad.debugDescription)")
            expectSameAsTheTree(text)
        }
    }

    @Test func aHugeListIsReadInLinearTime() {
        var text = "version: 1\nservices:\n"
        text.reserveCapacity(3_000_000)
        for i in 0..<60_000 { text += "  - name: service-\(i)\n    version: 1.0.\(i)\n    health: healthy\n" }
        text += "health: healthy\n"
        let started = Date()
        let status = EnvironmentStream.decode(Array(text.utf8), mtime: nil)
        #expect(status?.services.count == 60_000)
        #expect(status?.health == .healthy)
        #expect(Date().timeIntervalSince(started) < 10, "a 3 MB list in well under the time libyaml would take")
    }

    @Test func aListThatNeverEndsItsLastLineOrEndsInAKeyAlone() {
        for text in [
            "version: 1\n" + list.dropLast(), "version: 1\nservices:\n", "version: 1\nservices:",
            "version: 1\nservices:\n  - name: web\n    version:\n", "version: 1\nservices:\n  -\n",
            "version: 1\nservices:\n  - name:web\n", "version: 1\nservices:\n  - : web\n",
        ] {
            expectSameAsTheTree(String(text))
        }
    }
}
