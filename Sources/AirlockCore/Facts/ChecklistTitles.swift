// The checklist titles of a pipeline by item id, for the words that explain a blocker.
import Foundation

extension Facts {
    /// Every checklist item's title by id (built-ins with the pipeline's overrides, then its own items); without a
    /// pipeline, the built-in titles.
    public static func checklistTitles(_ pipeline: Pipeline?) -> [String: String] {
        Dictionary(
            (pipeline?.checklistItems ?? ChecklistItem.builtIn).map { ($0.id, $0.title) },
            uniquingKeysWith: { first, _ in first })
    }
}
