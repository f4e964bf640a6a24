import Foundation

/// A re-cut's parts as their users rated them: each part's satisfaction and mean relevance from
/// its sampled questions, and one more line of evidence when the parts differ clearly — an
/// over-broad cluster often hides one intent answered well and one answered badly.
public enum QueuePartRatings {
    /// Parts with fewer rated questions than this say nothing about satisfaction.
    public static let minimumRated = 8
    /// Satisfaction shares (0–1) this far apart between two parts count as a clear difference.
    public static let satisfactionGap = 0.2
    /// Mean relevances this far apart likewise.
    public static let relevanceGap = 0.12

    /// `proposal` with each re-cut part's figures from the questions' feedback, relevance and
    /// weight in `ratings` (their texts unused), and the difference between parts added to its
    /// evidence when clear. Other kinds are returned as they are.
    public static func annotate(_ proposal: QueueProposal, ratings: [QuestionID: Question]) -> QueueProposal {
        guard case .recut(let clusters, var parts) = proposal.kind else { return proposal }
        for i in parts.indices {
            // Counted as a cluster's figures are (`ClusterStats`), so a part reads like a cluster.
            var stats = ClusterStats()
            for id in parts[i].questionIDs {
                if let r = ratings[id] { stats.add(weight: r.weight, relevance: r.relevance, feedback: r.feedback) }
            }
            parts[i].ratedRows = stats.ratedRows
            parts[i].satisfaction = stats.satisfaction
            parts[i].relevance = stats.meanRelevance
        }
        var out = proposal
        out.kind = .recut(clusters: clusters, parts: parts)
        if let line = difference(parts) { out.evidence += "; " + line }
        return out
    }

    /// "its parts: 31%–84% satisfied, relevance 0.38–0.66", each when clear.
    static func difference(_ parts: [QueuePart]) -> String? {
        var said: [String] = []
        let satisfaction = parts.filter { $0.ratedRows >= minimumRated }.compactMap(\.satisfaction)
        if let low = satisfaction.min(), let high = satisfaction.max(), high - low >= satisfactionGap {
            said.append(String(format: "%.0f%%–%.0f%% satisfied", low * 100, high * 100))
        }
        let relevance = parts.compactMap(\.relevance)
        if let low = relevance.min(), let high = relevance.max(), high - low >= relevanceGap {
            said.append(String(format: "relevance %.2f–%.2f", low, high))
        }
        return said.isEmpty ? nil : "its parts: " + said.joined(separator: ", ")
    }
}
