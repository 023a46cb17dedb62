// Counting libyaml events without building anything: the floor of any reader (benchmarks).
import CYaml
import Foundation

extension YAMLReader {
    /// Counts libyaml's events without building anything: the floor any reader on libyaml pays (benchmarks).
    public static func eventCount(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buf -> Int in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return -1 }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
            var n = 0
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                n += 1
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if done { break }
            }
            return n
        }
    }
}
