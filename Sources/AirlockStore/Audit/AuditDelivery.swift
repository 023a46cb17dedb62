// Delivery metrics of a root: the whole audit log streamed forwards once, each line handed to the core's gatherer.
import AirlockCore
import Foundation

/// Delivery metrics read from a root: its files (releases' `created_at`, environments' `deployed_at`) and every
/// line of its audit log, streamed once with bounded memory per line; bad lines are skipped and counted.
public enum AuditDelivery {
    /// The audit log could not be read (not a regular file, no permission): the message names it.
    public struct Unreadable: Error, Sendable {
        public var message: String
    }

    public static func stats(
        root: String, snapshot: Snapshot, period: DeliveryPeriod
    ) -> Result<DeliveryStats, Unreadable> {
        var log = DeliveryLog(now: period.now)
        var skipped = 0
        switch AuditFile.open(root: root) {
        case .missing: break
        case .problem(let p): return .failure(Unreadable(message: p.description))
        case .file(let file):
            file.forEachLine(from: 0, to: file.completeEnd()) { _, line in
                if line.isBlank { return true }
                if let bytes = line.bytes, let e = AuditQuickEntry.entry(bytes) {
                    log.add(e)
                    return true
                }
                switch AuditLog.entry(line) {
                case .success(let e): log.add(e)
                case .failure: skipped += 1
                }
                return true
            }
        }
        return .success(
            DeliveryStats.compute(log, input: DeliveryInput(snapshot), period: period, skipped: skipped))
    }
}
