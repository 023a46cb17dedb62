// The checklist of a pipeline: its items in order, and their titles by id for the words that explain a blocker.
import Foundation

extension Facts {
    /// The pipeline's checklist items in order (built-ins with its overrides, then its own); without a pipeline, the
    /// built-in items.
    public static func checklistItems(_ pipeline: Pipeline?) -> [ChecklistItem] {
        pipeline?.checklistItems ?? ChecklistItem.builtIn
    }

    /// Every checklist item's title by id (built-ins with the pipeline's overrides, then its own items); without a
    /// pipeline, the built-in titles.
    public static func checklistTitles(_ pipeline: Pipeline?) -> [String: String] {
        Dictionary(
            checklistItems(pipeline).map { ($0.id, $0.title) },
            uniquingKeysWith: { first, _ in first })
    }
}
