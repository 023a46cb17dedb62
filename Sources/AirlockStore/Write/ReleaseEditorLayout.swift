// Questions the release editor asks of a file's layout: where a node's text ends, its indentation, its line.
import AirlockCore
import Foundation

extension ReleaseEditor {
    /// Whether a block collection's last text is a block scalar (`|` or `>`).
    func endsInBlockScalar(_ node: LayoutNode) -> Bool {
        switch node.content {
        case .scalar(_, _, let block): return block
        case .mapping(let pairs) where !node.flow: return pairs.last.map { endsInBlockScalar($0.value) } ?? false
        case .sequence(let items) where !node.flow: return items.last.map(endsInBlockScalar) ?? false
        default: return false
        }
    }

    // MARK: positions

    func isCollection(_ node: LayoutNode) -> Bool {
        switch node.content {
        case .mapping, .sequence: return true
        default: return false
        }
    }

    /// Just past the `:` that follows a key (skipping blanks), or the key's end when there is none.
    func afterColon(_ keyEnd: Int) -> Int {
        var p = keyEnd
        while let c = text.at(p), c == TextBytes.space || c == TextBytes.tab { p += 1 }
        return text.at(p) == UInt8(ascii: ":") ? p + 1 : keyEnd
    }

    func onlyColonBetween(_ from: Int, _ to: Int) -> Bool {
        guard from <= to, to <= text.bytes.count else { return false }
        var colons = 0
        for c in text.bytes[from..<to] {
            if c == UInt8(ascii: ":") {
                colons += 1
                continue
            }
            if c != TextBytes.space && c != TextBytes.tab && c != TextBytes.lf && c != TextBytes.cr { return false }
        }
        return colons == 1
    }

    /// Where a node's own text ends (a block collection ends with its last child; a block scalar before the
    /// line breaks it swallowed).
    func contentEnd(of node: LayoutNode) -> Int {
        switch node.content {
        case .scalar(_, _, block: true):
            return text.backOverWhitespace(node.end, floor: node.start)
        case .mapping(let pairs) where !node.flow:
            guard let last = pairs.last else { return node.start }
            return last.value.isEmpty ? afterColon(last.key.end) : contentEnd(of: last.value)
        case .sequence(let items) where !node.flow:
            guard let last = items.last else { return node.start }
            return last.isEmpty ? node.start : contentEnd(of: last)
        default:
            return node.end
        }
    }

    /// The start of the line after a node's last line (nil when that line ends the file without a break).
    func lineEnd(after node: LayoutNode, _ what: String) throws(OperationError) -> Int? {
        switch node.content {
        case .scalar(_, _, block: true):
            let p = text.backOverBlanks(node.end, floor: node.start)
            return text.isLineStart(p) ? p : text.afterLineBreak(from: node.end)
        case .mapping(let pairs) where !node.flow:
            guard let last = pairs.last else { throw refusal(node.start, what, "empty block mapping") }
            return last.value.isEmpty ? text.afterLineBreak(from: last.key.end) : try lineEnd(after: last.value, what)
        case .sequence(let items) where !node.flow:
            guard let last = items.last, !last.isEmpty else {
                throw refusal(node.start, what, "the list ends with an empty item")
            }
            return try lineEnd(after: last, what)
        default:
            return text.afterLineBreak(from: node.end)
        }
    }

    /// The column at which a block collection's entries start (the `-` of a list's items).
    func blockIndent(of node: LayoutNode, _ what: String) throws(OperationError) -> Int {
        switch node.content {
        case .mapping(let pairs):
            guard let last = pairs.last else { break }
            return last.key.column
        case .sequence(let items):
            guard let first = items.first, !first.isEmpty else { break }
            let dash = text.backOverBlanks(first.start, floor: node.start) - 1
            guard text.at(dash) == UInt8(ascii: "-"), first.column - (first.start - dash) >= 0 else { break }
            return first.column - (first.start - dash)
        default: break
        }
        throw refusal(node.start, what, "cannot tell the indentation of its entries")
    }
}
