import CladeCore
import Foundation
import GRDB

/// `clade export --format jsonl` and `--table questions`: the effective per-question assignment,
/// streamed one question at a time (nothing of the run held in memory), inside one read
/// transaction so the header's `through` and every line describe the same state.
public enum AssignmentStream {
    public struct Header: Encodable {
        public var kind = "header"
        public var format = "clade-assignments/1"
        public var runID: Int64
        public var since: Int64
        public var through: Int64
        public var consumer: String?
        public var changedOnly: Bool

        enum CodingKeys: String, CodingKey {
            case kind, format, runID = "run_id", since, through, consumer, changedOnly = "changed_only"
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(format, forKey: .format)
            try c.encode(runID, forKey: .runID)
            try c.encode(since, forKey: .since)
            try c.encode(through, forKey: .through)
            try c.encode(consumer, forKey: .consumer)
            try c.encode(changedOnly, forKey: .changedOnly)
        }
    }

    /// Calls `header` once, then `line` for each question (only those the review changed with
    /// `changedOnly`); returns the header and how many questions were given.
    @discardableResult
    public static func run(
        _ app: AppDatabase, runID: RunID? = nil, since explicitSince: Int64? = nil, consumer: String? = nil, changedOnly: Bool = false,
        header: (Header) throws -> Void, line: (QuestionLine) throws -> Void
    ) throws -> (header: Header, questions: Int) {
        try DecisionExport.checkRun(app, runID)
        return try app.writer.read { db in
            let clade = app.hasCladeTables
            let run = try runID ?? DatasetLoader.latestRun(db)
            var since = explicitSince ?? 0
            if explicitSince == nil, let consumer, clade { since = try ConsumerCursor.position(db, consumer: consumer) }
            let last = clade ? try Int64.fetchOne(db, sql: "SELECT MAX(decision_id) FROM clade_decisions") ?? 0 : 0
            let h = Header(runID: run, since: since, through: max(since, last), consumer: consumer, changedOnly: changedOnly)
            try header(h)
            let r = try ReviewedRun(db, run: run, clade: clade)
            var count = 0
            try r.forEachQuestion(db) { q, _ in
                guard !changedOnly || q.changed else { return }
                count += 1
                try line(q)
            }
            return (h, count)
        }
    }

    /// The JSON Lines text of each kind of line.
    public enum Lines {
        static let encoder: JSONEncoder = {
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return e
        }()

        public static func header(_ h: Header) throws -> String { String(decoding: try encoder.encode(h), as: UTF8.self) }

        /// Written by hand, keys sorted as the encoder would: a million lines through JSONEncoder
        /// cost several times the read itself.
        public static func question(_ q: QuestionLine) -> String {
            var out = "{\"kind\":\"question\",\"concept_id\":"
            string(q.conceptID, into: &out)
            out += ",\"external_id\":"
            if let e = q.externalID { string(e, into: &out) } else { out += "null" }
            out += ",\"label\":"
            string(q.label, into: &out)
            out += ",\"pipeline_cluster_id\":\(q.pipelineClusterID),\"question_id\":\(q.questionID),\"reviewed_cluster_id\":\(q.reviewedClusterID),\"status\":"
            string(q.status, into: &out)
            out += ",\"topic\":" + (q.topic.map(String.init) ?? "null") + "}"
            return out
        }

        static func string(_ s: String, into out: inout String) { OutputText.jsonString(s, into: &out) }

        public static func end(through: Int64, questions: Int) -> String {
            "{\"kind\":\"end\",\"questions\":\(questions),\"through\":\(through)}"
        }
    }
}

/// `clade export --format kura`: the reviewed clusters as a Kura checkpoint (one `kura.types.Cluster`
/// per line: id, name, description, slug, chat_ids, parent_id, count), so Kura loads it as it loads
/// its own `meta_clusters.jsonl`. Merged clusters are folded into their survivor; a parent holds
/// the chats of all its descendants; a cluster's id is its external id (Kura's own) or its concept id.
public enum KuraCheckpoint {
    struct Cluster: Encodable {
        var id: String
        var name: String
        var description: String
        var slug: String
        var chat_ids: [String]
        var parent_id: String?
        var count: Int

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(description, forKey: .description)
            try c.encode(slug, forKey: .slug)
            try c.encode(chat_ids, forKey: .chat_ids)
            try c.encode(parent_id, forKey: .parent_id)
            try c.encode(count, forKey: .count)
        }

        enum CodingKeys: String, CodingKey { case id, name, description, slug, chat_ids, parent_id, count }
    }

    public static func lines(_ app: AppDatabase, runID: RunID? = nil) throws -> [String] {
        try DecisionExport.checkRun(app, runID)
        return try app.writer.read { db in
            let run = try runID ?? DatasetLoader.latestRun(db)
            let r = try ReviewedRun(db, run: run, clade: app.hasCladeTables)
            var chats: [ClusterID: [String]] = [:]
            try r.forEachQuestion(db) { q, _ in chats[q.reviewedClusterID, default: []].append(q.externalID ?? String(q.questionID)) }
            func kuraID(_ c: ClusterID) -> String {
                if !r.isExpert(c), let e = r.pipeline[c]?.externalID, !e.isEmpty { return e }
                return r.conceptID(c)
            }
            func parent(_ c: ClusterID) -> ClusterID? {
                r.isExpert(c) ? r.states[c]?.parentID : r.pipeline[c]?.parentID
            }
            let shown = (Array(r.pipeline.keys) + r.experts).filter { r.status($0) != .merged }
            var all: [ClusterID: [String]] = [:]
            for c in shown where !r.parents.contains(c) {
                let own = chats[c] ?? []
                all[c, default: []] += own
                var p = parent(c)
                var hops = 0
                while let q = p, hops < 64 {
                    all[q, default: []] += own
                    p = parent(q)
                    hops += 1
                }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let order = shown.sorted { (r.parents.contains($0) ? 1 : 0, $0 < 0 ? 1 : 0, abs($0)) < (r.parents.contains($1) ? 1 : 0, $1 < 0 ? 1 : 0, abs($1)) }
            return try order.compactMap { c -> String? in
                let ids = all[c] ?? []
                guard !ids.isEmpty || !r.parents.contains(c) else { return nil }
                let cluster = Cluster(id: kuraID(c), name: r.label(c), description: r.description(c), slug: slug(r.label(c)), chat_ids: ids,
                                      parent_id: parent(c).map(kuraID), count: ids.count)
                return String(decoding: try encoder.encode(cluster), as: UTF8.self)
            }
        }
    }

    /// A snake_case slug of the label's first three words.
    static func slug(_ label: String) -> String {
        let words = label.lowercased().split { !($0.isLetter || $0.isNumber) }.prefix(3)
        return words.isEmpty ? "cluster" : words.joined(separator: "_")
    }
}
