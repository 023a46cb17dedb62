// `airlock sync`: with sync.git, fetch and rebase now (on a fleet root, each git work tree of the fleet once).
import AirlockStore
import ArgumentParser

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "With sync.git: fetch and rebase now (on a fleet root, every work tree of the fleet once).")
    @OptionGroup var common: CommonOptions

    func run() throws {
        switch try common.resolveTarget() {
        case .pipeline(let root):
            do {
                Console.out(try common.store(root).sync())
            } catch {
                throw CommandFailure(error.message, code: CommandFailure.failed)
            }
        case .fleet(let root):
            let fleet = FleetLoader(root: root).load()
            let roots = FleetLoader.syncRoots(root: root, fleet: fleet)
            guard !roots.isEmpty else {
                throw CommandFailure(
                    "sync.git is not set in fleet.yaml or in any pipeline inside a git work tree; "
                        + "there is nothing to sync",
                    code: CommandFailure.failed)
            }
            var failed = false
            for folder in roots {
                let name = fleet.members.first { root + "/" + $0.folder == folder }?.name ?? folder
                do {
                    Console.out(Sanitize.value(name) + ": " + (try common.store(folder).sync()))
                } catch {
                    printErr("airlock: \(name): \(error.message)")
                    failed = true
                }
            }
            if failed { throw CommandFailure(silentExit: CommandFailure.failed) }
        }
    }
}
