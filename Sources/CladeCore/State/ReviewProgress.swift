/// How far the review has come: the clusters (leaves) reviewed or dismissed, of all, and the
/// share of the question volume they hold. The title bar shows it; `w` walks what is left.
public struct ReviewProgress: Equatable, Sendable {
    public var done: Int
    public var total: Int
    public var volumeShare: Double

    public init(_ data: Dataset) {
        var done = 0, total = 0
        var doneVolume = 0.0, volume = 0.0
        for c in data.clusters where data.isLeaf(c.id) {
            total += 1
            volume += c.stats.volume
            if Self.isDone(c) {
                done += 1
                doneVolume += c.stats.volume
            }
        }
        self.done = done
        self.total = total
        volumeShare = volume > 0 ? doneVolume / volume : 0
    }

    /// A cluster needs no more review once marked reviewed or dismissed.
    public static func isDone(_ c: Cluster) -> Bool { c.reviewed || c.dismissed }
}
