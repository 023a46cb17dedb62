// One fact about an environment as airlock.yaml states it (`facts:`): what data it holds, who may reach it...
import Foundation

/// One `facts` entry of an environment: a name and its text (`data: anonymized production snapshot`).
public struct EnvironmentFact: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
