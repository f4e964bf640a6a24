import CladeStore
import CladeTestSupport
import Foundation
import Testing

/// Two Clades opening a never-opened file at the same moment both migrate Clade's tables: the
/// second must neither fail ("table clade_decisions already exists") nor apply anything twice.
@Suite("contention: two first opens at once")
struct FirstOpenRaceTests {
    static let trials = Budget.value("CLADE_FIRST_OPEN_TRIALS", default: 12)

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
    }

    @Test(.enabled(if: CladeCLI.isAvailable))
    func twoProcessesMigrateANewFileAtOnce() throws {
        let scratch = try Scratch()
        let failures = Results()
        for trial in 1...Self.trials {
            let path = scratch.path("new-\(trial).sqlite")
            try Pipelines.write(at: path, seed: UInt64(trial))
            // A consumer's ack opens the file for writing (its cursor), as a window does.
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                do {
                    let r = try CladeCLI.run(["ack", path, "--consumer", "c\(i)", "--through", "0"])
                    if r.status != 0 { failures.add("trial \(trial), process \(i): exit \(r.status): \(r.stderr)") }
                } catch {
                    failures.add("trial \(trial), process \(i): \(error)")
                }
            }
            let report = try SchemaCheck.run(path: path)
            #expect(report.cladeMigrations == CladeSchema.migrationIDs, "trial \(trial)")
        }
        #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
    }

    /// The same in one process, on two connections: the migration is shared, not repeated.
    @Test
    func twoOpensInOneProcessAtOnce() throws {
        let scratch = try Scratch()
        let failures = Results()
        for trial in 1...Self.trials {
            let path = scratch.path("same-\(trial).sqlite")
            try Pipelines.write(at: path, seed: UInt64(trial))
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                do { _ = try AppDatabase.open(path: path) } catch { failures.add("trial \(trial), open \(i): \(error)") }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
    }
}
