// A key press as the dashboard sees it, decoded from curses by the terminal.

/// A key press, decoded from curses.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, tab, backTab, enter, esc, backspace, pageUp, pageDown, home, end, ctrlL
}
