// The values the stream decoders read from one event, each as the tree decoder (FileDecoder) reads it.
import AirlockCore
import Foundation

extension YAMLEventReader {
    /// Text or null; a list or mapping is not this reader's business.
    mutating func optionalText() -> String?? {
        guard isScalar else { return .none }
        let s = scalar
        return .some(s.isNull ? nil : s.text)
    }

    mutating func enumValue<E: RawRepresentable>(_ type: E.Type) -> E?? where E.RawValue == String {
        guard isScalar else { return .none }
        let s = scalar
        if s.isNull { return .some(nil) }
        guard let v = E(rawValue: s.text) else { return .none }
        return .some(v)
    }

    mutating func timestamp() -> Date?? {
        guard case .some(let text) = optionalText() else { return .none }
        guard let text else { return .some(nil) }
        guard let d = TimeFormat.parseTimestamp(text) else { return .none }
        return .some(d)
    }

    /// A whole number of 0 or more, or null.
    mutating func wholeNumber() -> Int?? {
        guard isScalar else { return .none }
        let t = scalar
        if t.isNull { return .some(nil) }
        guard let v = Int(t.text), v >= 0 else { return .none }
        return .some(v)
    }

    /// Sets `value` to what `read` reads (nil for null); false, and `value` untouched, when `read` gives up.
    mutating func set<T>(_ value: inout T?, _ read: (inout YAMLEventReader) -> T??) -> Bool {
        guard case .some(let v) = read(&self) else { return false }
        value = v
        return true
    }
}
