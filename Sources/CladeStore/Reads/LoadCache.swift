import CladeCore

/// What a load of the dataset read that the next load can reuse: the pipeline's clusters and the
/// run's cached figures. A window keeps one; after its own decision it asks `DatasetLoader` to
/// read again only the state tables and the figures of the clusters the decision touched, which
/// keeps a decision on a million questions as quick as on a thousand. Anything else (another
/// program's write, a new run) loads everything again.
///
/// Used from one thread (the run loop's), like the `AppState` it feeds.
public final class LoadCache: @unchecked Sendable {
    struct Kept {
        var runID: RunID
        var pipelineClusters: [DatasetLoader.LoadedCluster]
        var snapshot: StatsCache.Snapshot
        var weeks: [String]
    }

    var kept: Kept?

    public init() {}

    /// Forget everything: the next load reads it all.
    public func clear() { kept = nil }
}
