// The whole list of a file's events from either source, as the decoders see them: what the tests and the fuzz
// target compare to hold PlainYAML to libyaml.
import CYaml

/// One event as the decoders see it (a scalar's text, whether it is plain, where it starts).
struct SeenEvent: Equatable, CustomStringConvertible {
    var kind: PlainEvent.Kind
    var text: String?
    var plain: Bool
    var line: Int
    var column: Int

    var description: String {
        kind == .scalar ? "scalar \(plain ? "" : "(styled) ")\"\(text ?? "")\" at \(line):\(column)" : "\(kind)"
    }
}

extension YAMLEventReader {
    /// Every event of `bytes` from PlainYAML (`plain`) or libyaml; nil when that source declines or fails.
    static func eventList(_ bytes: [UInt8], plain: Bool) -> [SeenEvent]? {
        bytes.withUnsafeBufferPointer { buf -> [SeenEvent]? in
            let plainEvents = plain ? PlainYAML.events(buf) : nil
            if plain && plainEvents == nil { return nil }
            var reader = YAMLEventReader(bytes: buf, plainEvents: plainEvents)
            if !plain {
                guard yaml_parser_initialize(&reader.parser) == 1 else { return nil }
                yaml_parser_set_input_string(&reader.parser, buf.baseAddress, buf.count)
            }
            defer { reader.finish() }
            var out: [SeenEvent] = []
            while reader.next() {
                if reader.kind == .scalar {
                    let text = reader.scalar.text
                    // Where an empty scalar stands is not read by any decoder, and libyaml places it elsewhere.
                    let at = text.isEmpty ? (0, 0) : reader.mark
                    out.append(
                        SeenEvent(kind: .scalar, text: text, plain: reader.isPlainScalar, line: at.0, column: at.1))
                } else {
                    out.append(SeenEvent(kind: reader.kind, text: nil, plain: false, line: 0, column: 0))
                }
                if reader.kind == .streamEnd { return out }
            }
            return nil
        }
    }
}
