// The checklist titles of a pipeline.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct ChecklistTitlesTests {
    @Test func builtInsWithOverridesThenThePipelinesOwn() {
        let p = Pipeline(
            name: "p", environments: [env("qa")],
            checklist: [(id: "monitoring", title: "Dashboards up"), (id: "docs", title: "Docs written")])
        let titles = Facts.checklistTitles(p)
        #expect(titles["monitoring"] == "Dashboards up")
        #expect(titles["docs"] == "Docs written")
        #expect(titles["approval"] == "Stakeholders approved")
        #expect(titles.count == ChecklistItem.builtIn.count + 1)
        #expect(Facts.checklistTitles(nil)["code-freeze"] == "Code freeze: the code is stable, no new features")
    }
}
