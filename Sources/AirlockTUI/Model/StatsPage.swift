// What the delivery-metrics view (`I`) holds: reading, the figures read, or why they could not be.

import AirlockCore

public enum StatsPage: Equatable, Sendable {
    /// The audit log is being read off the main loop.
    case reading
    case ready(DeliveryStats, pipeline: String)
    case failed(String)
}
