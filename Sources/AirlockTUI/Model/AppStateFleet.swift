// The dashboard state on a fleet root: built from a fleet, and the pipeline it acts on taken from the fleet.

import AirlockCore
import Foundation

extension AppState {
    /// The fleet screen: the matrix, the cursor on the first pipeline's first environment.
    public init(fleet: Fleet, now: Date, actor: String, width: Int, height: Int) {
        self.init(snapshot: Snapshot(), now: now, actor: actor, width: width, height: height)
        var f = FleetState(fleet: fleet)
        f.refreshDigest(now: now)
        f.row = f.shownMembers(now: now).first?.folder
        f.column = f.columns.first
        self.fleet = f
        takeActing(f.row)
    }

    /// The matrix is on screen (a fleet root, no pipeline's dashboard open).
    public var onFleetMatrix: Bool { fleet.map { !$0.open } ?? false }

    /// The filter the status line shows: the fleet's on the matrix, else the pipeline's.
    var shownFilter: String { onFleetMatrix ? fleet?.filter ?? "" : filter }

    /// The folder (relative to the fleet root) of the pipeline actions and reads go to; nil on a pipeline root.
    public var actingFolder: String? {
        guard let f = fleet, let folder = f.acting else { return nil }
        return f.member(folder: folder)?.folder
    }

    /// Makes the pipeline in `folder` the one this state shows and acts on (its snapshot, the rules recomputed).
    mutating func takeActing(_ folder: String?) {
        guard var f = fleet else { return }
        f.acting = folder
        fleet = f
        snapshot = folder.flatMap { f.member(folder: $0)?.snapshot } ?? Snapshot()
        recompute()
    }
}
