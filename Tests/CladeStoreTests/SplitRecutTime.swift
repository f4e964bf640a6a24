import CladeCore
@testable import CladeStore
import Foundation
import GRDB
import Testing

/// How long the split preview of a large cluster takes to open and to re-cut at another k (`+`,
/// `-` or a typed k), with the `GROUP BY` of the assignments read in the same run as reference.
/// `CLADE_SPLIT_DB=file.sqlite swift test --filter SplitRecutTime` prints the figures of
/// docs/performance.md for the file's largest cluster.
@Suite("split preview re-cut time", .serialized, .enabled(if: SplitRecutBench.database != nil, "set CLADE_SPLIT_DB"))
struct SplitRecutTime {

    @Test func recut() throws {
        let path = try #require(SplitRecutBench.database)
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let app = try AppDatabase.open(path: path, forceReadOnly: true)
        let dataset = try DatasetLoader.load(app)
        let largest = try #require(dataset.clusters.filter { dataset.isLeaf($0.id) }.max { $0.stats.rows < $1.stats.rows })
        let members = dataset.memberClusterIDs(of: largest.id)
        let engine = CurationEngine(app: app)
        func run(_ k: Int?) throws -> (SplitProposal, Double, [String]) {
            var marks: [String] = []
            let start = clock.now
            var last = ""
            let proposal = try engine.suggestSplit(cluster: largest.id, memberIDs: members, k: k, in: dataset, isCancelled: { false }) { _, phase in
                let head = String(phase.prefix(12))
                if head != last { marks.append(String(format: "%@ at %.3f s", phase, seconds(clock.now - start))); last = head }
            }.get()
            return (proposal, seconds(clock.now - start), marks)
        }
        for round in 1...2 {
            let reference = try clock.measure {
                _ = try app.writer.read { db in try Row.fetchAll(db, sql: "SELECT cluster_id, COUNT(*) FROM assignments GROUP BY cluster_id") }
            }
            let (opened, openTime, openMarks) = try run(nil)
            let (recut, recutTime, recutMarks) = try run(opened.k + 1)
            #expect(recut.k == opened.k + 1)
            print(String(format: "%@ round %d: cluster of %d questions · preview %.3f s (k=%d) · re-cut at k=%d %.3f s · GROUP BY reference %.3f s · ratio re-cut / reference %.1f×",
                         (path as NSString).lastPathComponent, round, largest.stats.rows, openTime, opened.k, recut.k, recutTime,
                         seconds(reference), recutTime / max(seconds(reference), 1e-6)))
            print("  preview: " + openMarks.joined(separator: "; "))
            print("  re-cut: " + recutMarks.joined(separator: "; "))
        }
    }
}

enum SplitRecutBench {
    static let database = ProcessInfo.processInfo.environment["CLADE_SPLIT_DB"]
}
