// The namespace of derived facts: what every screen (dashboard, command line, JSON) says alike.
import Foundation

/// Facts derived from a snapshot (and the time), computed once here for every screen that shows them.
public enum Facts {}
