// The services list read line by line: taken for the plain block shape, read as libyaml would or not at all.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct ServiceBlockTests {
    let head = "version: 2.4.0\ndeployed_by: ci\n"

    func block(_ text: String) -> ServiceBlock? {
        Array(text.utf8).withUnsafeBufferPointer { ServiceBlock.find($0) }
    }

    /// The whole file through the tree decoder; nil when it has a problem there.
    func tree(_ text: String) -> EnvironmentStatus? {
        guard let node = try? YAMLReader.parse(Array(text.utf8)) else { return nil }
        let (value, problems) = Decoders.environment(node, path: "environments/x.yaml", mtime: nil)
        return problems.isEmpty ? value : nil
    }

    /// The stream reader agrees with the tree decoder: the same value, or it leaves the file to the tree.
    func expectAgreement(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let streamed = EnvironmentStream.decode(Array(text.utf8), mtime: nil) else { return }
        #expect(tree(text) == streamed, "differs for:\n\(text)", sourceLocation: sourceLocation)
    }

    @Test func thePlainBlockShapeIsReadWithoutLibyaml() throws {
        let files = [
            head + "services:\n  - name: web\n    version: 2.4.0\n    health: healthy\n    image: r.io/web:2.4.0\n"
                + "  - name: api\n    replicas: 3\nconfig: {a: 1}\n",
            head + "services:\n- name: web\n  health: down\n- name: api\n  version: 1.0 (rc)\nhealth: healthy\n",
            "services:\n    - name: web\n\n      version: 2\n" + head,
            head + "services:   \n  - name: web   \n    version: 1.2.3",
            head + "services:\nchecks: []\n",
        ]
        for f in files {
            let found = try #require(block(f), "the block is found in:\n\(f)")
            #expect(!found.services.isEmpty || f.contains("checks: []"))
            let rest = Array(f.utf8)[..<found.start] + Array(f.utf8)[found.end...]
            #expect(
                EnvironmentStream.decode(Array(rest), mtime: nil, services: found) != nil,
                "libyaml reads the rest with the list taken out:\n\(f)")
            #expect(EnvironmentStream.decode(Array(f.utf8), mtime: nil) == tree(f), "same as the tree:\n\(f)")
        }
        let services = try #require(block(files[1])).services
        #expect(
            services == [
                Service(name: "web", version: nil, health: .down),
                Service(name: "api", version: "1.0 (rc)", health: nil),
            ])
    }

    @Test func everyOtherShapeIsLeftToLibyaml() {
        let files = [
            head + "services: [{name: web}]\n", head + "services: # the list\n  - name: web\n",
            head + "services:\n  - name: web\n    # a comment\n", head + "services:\n  - name: 'web'\n",
            head + "services:\n  - name: web\n    health: great\n", head + "services:\n  - version: 1\n",
            head + "services:\n  - name: null\n", head + "services:\n  - name: web\n    ports:\n      - 80\n",
            head + "services:\n  - name: web\n    version: 1\n      2\n",
            head + "services:\n  - name: web\n\tversion: 1\n",
            head + "services:\r\n  - name: web\r\n", "deployed_by: ci\r\n" + "services:\n  - name: web\n",
            head + "services:\n  - name: web\n    name: api\n", head + "services:\n  - name: a: b\n",
            head + "services:\n  - name: web\n-x: 1\n", head + "services:\n  - name: &a web\n",
            head + "services:\n  -  name: web\n", head + "services:\n  - name: web\n     version: 1\n",
        ]
        for f in files {
            #expect(block(f) == nil, "left to libyaml:\n\(f)")
            expectAgreement(f)
        }
    }

    @Test func aServicesLineThatIsNotTheKeyIsNotTakenForIt() {
        // A `services:` line inside a quoted text, a block text or a flow mapping is not the list: the stream reader
        // finds no empty key where the list was taken out and reads the file whole (or leaves it to the tree).
        let files = [
            "version: 1\ndeployed_by: \"ci\nservices:\n  - name: web\nx\"\n",
            "version: 1\nnotes: |\n  a\nservices:\n  - name: web\n",
            "version: 1\nflags: {a: 1,\nservices:\n  - name: web\n}\n",
            "version: 1\nservices:\n  - name: web\nservices:\n  - name: api\n",
            "version: 1\nservices:\n  - name: web\n---\nversion: 2\n",
            "version: 1\nservices:\n- name: web\n# a comment\n- name: api\n",
        ]
        for f in files { expectAgreement(f) }
        let quoted = files[0]
        #expect(block(quoted) != nil)
        #expect(EnvironmentStream.decode(Array(quoted.utf8), mtime: nil)?.services.isEmpty != false)
    }

    @Test func mangledServiceListsReadAsLibyamlReadsThemOrNotAtAll() {
        let seed: UInt64 = 0x5E41_1CE5_2026_1122
        print("ServiceBlockTests mangled lists seed: \(seed)")
        var rng = FuzzTests.XorShift(state: seed)
        var items = ""
        for i in 0..<6 {
            items += "  - name: svc-\(i)\n    version: 1.\(i).0\n    health: healthy\n    image: r.io/s:1.\(i)\n"
        }
        let text = head + "services:\n" + items + "config:\n  a: 1\n"
        let alphabet = Array(" :-#\n\t'\"&*!|>[]{},~xa0.".utf8)
        var taken = 0
        for _ in 0..<3000 {
            var bytes = Array(text.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                let c = alphabet.randomElement(using: &rng) ?? 0x20
                if Bool.random(using: &rng) { bytes[i] = c } else { bytes.insert(c, at: i) }
            }
            let mangled = String(decoding: bytes, as: UTF8.self)
            if block(mangled) != nil { taken += 1 }
            expectAgreement(mangled)
        }
        #expect(taken > 100, "the line reader was tried on many of them (\(taken))")
    }
}
