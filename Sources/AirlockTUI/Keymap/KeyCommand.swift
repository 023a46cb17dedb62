// What a key asks for, before `update` decides what it means in the state at hand.

/// The command a binding produces; `update` carries it out for the context the key was pressed in.
public enum KeyCommand: Equatable, Sendable {
    // The main screen.
    case nextEnvironment, previousEnvironment
    /// Moves through the pending promotions (through the environments when none is shown).
    case nextRow, previousRow
    case openDetails, openLog, openDrift, openChecklist, openFilter, openHelp
    /// Delivery metrics (`I`).
    case openStats
    case promote, approve, rollback
    case nextTheme
    case clearFilter
    case quit
    case repaint
    // The views over it.
    case close
    /// Scrolls a view, or moves a cursor (checklist, rollback picker).
    case scroll(ScrollStep)
    case toggleItem
    case confirm
    case cancel
    /// Roll back to the version under the picker's cursor.
    case choose
    /// The key's character goes into the text being typed (the filter, a protected environment's name).
    case typeCharacter
    case deleteCharacter
    case keepFilter
    // The fleet matrix.
    /// Open the cursor's pipeline's dashboard, its environment selected.
    case openPipeline
    case nextSort
    case openJump
    /// Complete the name typed in the `:` prompt as far as it is unique.
    case complete
}

public enum ScrollStep: Equatable, Sendable {
    case lineDown, lineUp, pageDown, pageUp, top, bottom
}
