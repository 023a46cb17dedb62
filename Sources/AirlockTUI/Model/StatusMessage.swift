// The one line of news at the bottom of the screen, and when it was said (it fades).

import Foundation

public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public var at: Date
}
