@testable import CladeCore

/// A small dataset: two parents with leaves, one top-level leaf, three capabilities.
enum Fixtures {
    static func stats(_ n: Int, relevance: Double, satisfied: Int, rated: Int, weight: Double = 1) -> ClusterStats {
        var s = ClusterStats()
        for i in 0..<n {
            let fb: Int? = i < rated ? (i < satisfied ? 1 : -1) : nil
            s.add(weight: weight, relevance: relevance, feedback: fb)
        }
        return s
    }

    static var dataset: Dataset {
        let leaves: [Cluster] = [
            Cluster(id: 11, parentID: 1, name: "RFI status", keywords: ["rfi", "status"], stats: stats(300, relevance: 0.7, satisfied: 60, rated: 100), capabilityVolume: [100: 40]),
            Cluster(id: 12, parentID: 1, name: "Open RFIs", keywords: ["rfi", "open"], stats: stats(200, relevance: 0.72, satisfied: 50, rated: 70)),
            Cluster(id: 21, parentID: 2, name: "FY budget", keywords: ["fy24", "budget"], stats: stats(250, relevance: 0.3, satisfied: 10, rated: 60), capabilityVolume: [101: 200]),
            Cluster(id: 22, parentID: 2, name: "Cost lookup", keywords: ["cost"], stats: stats(150, relevance: 0.8, satisfied: 40, rated: 50), capabilityVolume: [100: 10, 102: 30]),
            Cluster(id: 3, name: "Weather at the site", keywords: ["weather", "rain"], stats: stats(10, relevance: 0.2, satisfied: 1, rated: 5)),
        ]
        var parents = [
            Cluster(id: 1, name: "Documents", keywords: ["rfi"]),
            Cluster(id: 2, name: "Cost & budget", keywords: ["cost"]),
        ]
        parents[0].stats = leaves[0].stats + leaves[1].stats
        parents[0].capabilityVolume = [100: 40]
        parents[1].stats = leaves[2].stats + leaves[3].stats
        parents[1].capabilityVolume = [100: 10, 101: 200, 102: 30]
        let total = leaves.reduce(ClusterStats.zero) { $0 + $1.stats }
        return Dataset(
            title: "Fixture", clusters: parents + leaves,
            capabilities: [
                Capability(id: 100, name: "relative dates", rows: 50, volume: 50),
                Capability(id: 101, name: "fiscal year", rows: 200, volume: 200),
                Capability(id: 102, name: "cost aggregation", rows: 30, volume: 30),
            ],
            total: total
        )
    }

    static func state(width: Int = 120, height: Int = 40) -> AppState {
        var s = AppState(dataset: dataset, width: width, height: height)
        _ = Reducer.start(&s)
        return s
    }

    /// Feeds keys written as text; returns every effect produced.
    @discardableResult
    static func press(_ state: inout AppState, _ keys: [Key]) -> [Effect] {
        keys.flatMap { Reducer.reduce(&state, .key($0)) }
    }

    static func keys(_ s: String) -> [Key] {
        s.map { ch -> Key in
            switch ch {
            case "\r": .enter
            case "\t": .tab
            case "\u{1B}": .escape
            case "\u{7F}": .backspace
            default: .char(ch)
            }
        }
    }
}
