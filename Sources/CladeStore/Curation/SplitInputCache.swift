import CladeCore
import Foundation

/// The inputs of the last split preview (its questions, their vectors, the other clusters'
/// samples), so that `+`, `-` or a typed k re-runs only k-means. One entry: a reviewer re-cuts
/// the preview open, and any decision changes the key.
final class SplitInputCache: @unchecked Sendable {
    struct Key: Equatable {
        var memberIDs: [ClusterID]
        /// A digest of the questions' ids and their count.
        var members: UInt64
        var count: Int
        /// A digest of the run's leaf clusters and their sizes (the preview's context).
        var context: Int
    }

    private let lock = NSLock()
    private var last: CurationEngine.SplitInputs?

    func inputs(for key: Key) -> CurationEngine.SplitInputs? {
        lock.lock()
        defer { lock.unlock() }
        return last?.key == key ? last : nil
    }

    func keep(_ inputs: CurationEngine.SplitInputs) {
        lock.lock()
        defer { lock.unlock() }
        last = inputs
    }
}
