// Viewport: scrolling stops at both ends, follows a cursor, and says which rows show.

import Testing

@testable import AirlockTUI

@Suite struct ViewportTests {
    @Test func aShortListDoesNotScroll() {
        let v = Viewport(count: 3, visible: 10, offset: 5)
        #expect(v.start == 0 && v.range == 0..<3 && !v.scrolls)
    }

    @Test func scrollingStopsAtTheLastFullWindow() {
        #expect(Viewport(count: 40, visible: 10, offset: 7).range == 7..<17)
        #expect(Viewport(count: 40, visible: 10, offset: 35).range == 30..<40)
        #expect(Viewport(count: 40, visible: 10, offset: -4).start == 0)
        #expect(Viewport(count: 40, visible: 10, offset: 0).scrolls)
    }

    @Test func zeroOrNegativeSizesShowNothing() {
        #expect(Viewport(count: 5, visible: 0, offset: 2).range.isEmpty)
        #expect(Viewport(count: 5, visible: -3, offset: 0).range.isEmpty)
        #expect(Viewport(count: 0, visible: 4, offset: 3).range.isEmpty)
        #expect(Viewport(count: -2, visible: 4, offset: 0).count == 0)
    }

    @Test func followingACursorKeepsItInView() {
        for cursor in 0..<30 {
            let v = Viewport(count: 30, visible: 7, following: cursor)
            #expect(v.range.contains(cursor), "cursor \(cursor) in \(v.range)")
        }
        #expect(Viewport(count: 30, visible: 7, following: 3).start == 0, "no scrolling before it is needed")
        #expect(Viewport(count: 30, visible: 7, following: 10).range == 4..<11, "the cursor on the last row")
        #expect(Viewport(count: 5, visible: 0, following: 2).range.isEmpty)
    }

    @Test func theLabelCountsFromOne() {
        #expect(Viewport(count: 40, visible: 10, offset: 2).label() == " 3-12 of 40 ")
        let more = Viewport(count: 4, visible: 10, offset: 0).label(total: "4+, ↓ reads older")
        #expect(more == " 1-4 of 4+, ↓ reads older ")
    }
}
