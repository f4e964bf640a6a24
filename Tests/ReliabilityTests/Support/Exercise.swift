import CladeApp
import CladeCore
import CladeStore
import CladeTerminal
import CladeUI
import Foundation

/// Drives every read path of an opened database: figures, every leaf's questions in every order,
/// suggestions, a suggested split, the app on a headless terminal, renders at odd sizes.
/// Anything a bad database can break shows up here as a thrown error or a trap.
enum Exercise {
    static func everything(_ app: AppDatabase, splits: Bool = true) throws {
        let dataset = try DatasetLoader.load(app)
        let engine = CurationEngine(app: app)
        var splitDone = !splits
        for cluster in dataset.clusters {
            let members = dataset.memberClusterIDs(of: cluster.id)
            for order in QuestionOrder.allCases {
                let page = try QuestionReads.page(app, QuestionQuery(clusterID: cluster.id, memberIDs: members, order: order, limit: 50))
                for q in page.rows { precondition(q.text.count <= QuestionReads.maxTextLength) }
            }
            _ = engine.suggestions(for: .relabel(cluster.id), in: dataset)
            guard dataset.isLeaf(cluster.id) else { continue }
            _ = engine.suggestions(for: .mergeTarget(sources: [cluster.id]), in: dataset)
            if !splitDone, cluster.stats.rows >= 4 {
                _ = engine.suggestSplit(cluster: cluster.id, memberIDs: members, k: 2, isCancelled: { false }, progress: { _, _ in })
                splitDone = true
            }
        }
        let backend = HeadlessBackend(size: Size(width: 100, height: 30))
        let runner = try AppRunner(database: app, backend: backend, theme: .standard)
        backend.enqueue(keys: "jjjj\r<Tab>jjjj/e\r<Esc><Esc>3jj2mo<Esc>?<Esc>")
        runner.drain()
        for (w, h) in [(1, 1), (2, 1), (12, 4), (49, 13), (50, 14), (80, 24), (200, 60)] {
            runner.send(.resize(width: w, height: h))
            _ = render(runner.state, theme: .standard)
            _ = render(runner.state, theme: .ascii)
        }
    }
}
