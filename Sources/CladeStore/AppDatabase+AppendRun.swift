import CladeCore
import Foundation
import GRDB

/// One clustering run to add to a diagnostics database: its `runs` row, questions, clusters,
/// assignments, capabilities and capability tags, optional embeddings and `meta` values. Rows
/// refer to each other by array index; `AppDatabase.appendRun` gives them their ids.
public struct PipelineRun: Sendable {
    public struct Question: Equatable, Sendable {
        public var externalID: String?
        public var text: String
        /// ISO 8601.
        public var askedAt: String?
        public var relevance: Double?
        /// −1, +1 or nil.
        public var feedback: Int?
        public var weight: Double
        public var metadataJSON: String

        public init(externalID: String? = nil, text: String, askedAt: String? = nil, relevance: Double? = nil, feedback: Int? = nil,
                    weight: Double = 1, metadataJSON: String = "{}") {
            self.externalID = externalID
            self.text = text
            self.askedAt = askedAt
            self.relevance = relevance
            self.feedback = feedback
            self.weight = weight
            self.metadataJSON = metadataJSON
        }
    }

    public struct Cluster: Equatable, Sendable {
        /// The id to store it under, or nil for the next free one (importers). A given id must be
        /// a pipeline id not already in the file.
        public var id: ClusterID?
        /// Index of the parent in `clusters`.
        public var parent: Int?
        public var externalID: String?
        public var name: String
        public var description: String
        public var keywordsJSON: String
        public var isOutlier: Bool

        public init(id: ClusterID? = nil, parent: Int? = nil, externalID: String? = nil, name: String, description: String = "",
                    keywordsJSON: String = "[]", isOutlier: Bool = false) {
            self.id = id
            self.parent = parent
            self.externalID = externalID
            self.name = name
            self.description = description
            self.keywordsJSON = keywordsJSON
            self.isOutlier = isOutlier
        }
    }

    public struct Assignment: Equatable, Sendable {
        public var question: Int
        public var cluster: Int
        public var probability: Double?
        public var isRepresentative: Bool

        public init(question: Int, cluster: Int, probability: Double? = nil, isRepresentative: Bool = false) {
            self.question = question
            self.cluster = cluster
            self.probability = probability
            self.isRepresentative = isRepresentative
        }
    }

    /// Capabilities are shared by all runs: a name the file knows keeps its id.
    public struct Capability: Equatable, Sendable {
        public var name: String
        public var description: String

        public init(name: String, description: String = "") {
            self.name = name
            self.description = description
        }
    }

    /// A question tagged with a capability (indices into `questions` and `capabilities`).
    public struct Tag: Equatable, Sendable {
        public var question: Int
        public var capability: Int
        public var confidence: Double?

        public init(question: Int, capability: Int, confidence: Double? = nil) {
            self.question = question
            self.capability = capability
            self.confidence = confidence
        }
    }

    /// `runs.source`: "native", "kura", "bertopic"…
    public var source: String
    public var createdAt: String
    public var paramsJSON: String
    /// `meta` values: added when the file has none for the key, replacing the file's value only
    /// for keys in `replacingMeta`.
    public var meta: [String: String]
    public var replacingMeta: Set<String>
    public var questions: [Question] = []
    public var clusters: [Cluster] = []
    public var assignments: [Assignment] = []
    public var capabilities: [Capability] = []
    public var tags: [Tag] = []
    /// One row per question (stored as little-endian float32), or nil.
    public var embeddings: Matrix?

    public init(source: String, createdAt: String, paramsJSON: String = "{}", meta: [String: String] = [:], replacingMeta: Set<String> = []) {
        self.source = source
        self.createdAt = createdAt
        self.paramsJSON = paramsJSON
        self.meta = meta
        self.replacingMeta = replacingMeta
    }

    /// Depth of each cluster (roots 0) given each one's parent index. Iterative: a hierarchy may
    /// be thousands of levels deep. A cycle, or a parent out of range, counts as a root.
    public static func depths(parents: [Int?]) -> [Int] {
        var depth = [Int?](repeating: nil, count: parents.count)
        for start in parents.indices where depth[start] == nil {
            var chain: [Int] = []
            var onChain = Set<Int>()
            var current: Int? = start
            while let c = current, parents.indices.contains(c), depth[c] == nil, onChain.insert(c).inserted {
                chain.append(c)
                current = parents[c]
            }
            var d = current.flatMap { parents.indices.contains($0) ? depth[$0] : nil }.map { $0 + 1 } ?? 0
            for c in chain.reversed() { depth[c] = d; d += 1 }
        }
        return depth.map { $0 ?? 0 }
    }
}

/// The ids a run was stored under.
public struct AppendedRun: Equatable, Sendable {
    public var runID: RunID
    /// The latest run before it (nil in a new file).
    public var parentRunID: RunID?
    /// By index in `PipelineRun.questions` / `.clusters` / `.capabilities`.
    public var questionIDs: [QuestionID]
    public var clusterIDs: [ClusterID]
    public var capabilityIDs: [CapabilityID]
}

/// A run that cannot be appended as given, said in one line; nothing was written.
public struct AppendRunError: Error, Equatable, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}

extension AppDatabase {
    /// Appends `run` in one transaction: the `runs` row (its parent the latest run), capabilities,
    /// clusters (parents before children), questions, assignments, tags, embeddings and `meta`.
    public func appendRun(_ run: PipelineRun, isCancelled: () -> Bool = { false }) throws -> AppendedRun {
        guard !readOnly else { throw StoreError.readOnly(path: path) }
        return try writer.write { db in try Self.appendRun(run, to: db, isCancelled: isCancelled) }
    }

    /// `appendRun` inside a transaction the caller holds: a re-import adds the run, its backup and
    /// the decisions it carries forward together; a new file is created and filled in one.
    ///
    /// Ids continue after the largest in the file, so they never collide with an earlier run's;
    /// new clusters get positive ids (never Clade's own range, see `CladeIDs`). A file whose ids
    /// are too near `Int64.max` for the run to fit is refused before any row is written.
    /// `isCancelled` is polled every 2,048 rows; cancelling throws `CancellationError`.
    public static func appendRun(_ run: PipelineRun, to db: Database, isCancelled: () -> Bool = { false }) throws -> AppendedRun {
        try check(run)
        let ids = try allocate(run, in: db)
        func poll(_ i: Int) throws { if i % 2048 == 0 && isCancelled() { throw CancellationError() } }

        for (key, value) in run.meta.sorted(by: { $0.key < $1.key }) {
            let verb = run.replacingMeta.contains(key) ? "REPLACE" : "IGNORE"
            try db.execute(sql: "INSERT OR \(verb) INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
        }
        try db.execute(sql: "INSERT INTO runs(run_id, created_at, source, params_json, parent_run_id) VALUES (?, ?, ?, ?, ?)",
                       arguments: [ids.runID, run.createdAt, run.source, run.paramsJSON, ids.parentRunID])
        var written = Set(try CapabilityID.fetchAll(db, sql: "SELECT capability_id FROM capabilities"))
        for (i, capability) in run.capabilities.enumerated() where written.insert(ids.capabilityIDs[i]).inserted {
            try db.execute(sql: "INSERT INTO capabilities(capability_id, name, description) VALUES (?, ?, ?)",
                           arguments: [ids.capabilityIDs[i], capability.name, capability.description])
        }

        let cluster = try db.makeStatement(sql: """
            INSERT INTO clusters(cluster_id, run_id, parent_id, external_id, name, description, keywords_json, is_outlier)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (n, index) in parentsFirst(run).enumerated() {
            try poll(n)
            let c = run.clusters[index]
            try cluster.execute(arguments: [
                ids.clusterIDs[index], ids.runID, c.parent.map { ids.clusterIDs[$0] }, c.externalID, c.name, c.description, c.keywordsJSON,
                c.isOutlier ? 1 : 0,
            ])
        }

        let question = try db.makeStatement(sql: """
            INSERT INTO questions(question_id, run_id, external_id, text, asked_at, relevance, feedback, weight, metadata_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, q) in run.questions.enumerated() {
            try poll(i)
            try question.execute(arguments: [
                ids.questionIDs[i], ids.runID, q.externalID, q.text, q.askedAt, q.relevance, q.feedback, q.weight, q.metadataJSON,
            ])
        }

        let assignment = try db.makeStatement(sql: """
            INSERT INTO assignments(question_id, cluster_id, probability, is_representative) VALUES (?, ?, ?, ?)
            """)
        for (i, a) in run.assignments.enumerated() {
            try poll(i)
            try assignment.execute(arguments: [ids.questionIDs[a.question], ids.clusterIDs[a.cluster], a.probability, a.isRepresentative ? 1 : 0])
        }

        // `confidence` is optional in the schema: named only when the run has one.
        let confidences = run.tags.contains { $0.confidence != nil }
        let tag = try db.makeStatement(sql: confidences
            ? "INSERT INTO question_capabilities(question_id, capability_id, confidence) VALUES (?, ?, ?)"
            : "INSERT INTO question_capabilities(question_id, capability_id) VALUES (?, ?)")
        for (i, t) in run.tags.enumerated() {
            try poll(i)
            var arguments: StatementArguments = [ids.questionIDs[t.question], ids.capabilityIDs[t.capability]]
            if confidences { arguments += [t.confidence] }
            try tag.execute(arguments: arguments)
        }

        if let e = run.embeddings {
            let vector = try db.makeStatement(sql: "INSERT INTO question_embeddings(question_id, vector) VALUES (?, ?)")
            for r in 0..<e.rows {
                try poll(r)
                try vector.execute(arguments: [ids.questionIDs[r], float32LittleEndian(e, row: r)])
            }
        }
        return ids
    }

    /// Every index in range, every given cluster id a pipeline id and given once, the hierarchy
    /// without a cycle, one embedding per question: a bad run is refused, never trapped on.
    static func check(_ run: PipelineRun) throws {
        let q = run.questions.indices, c = run.clusters.indices, k = run.capabilities.indices
        for (i, cluster) in run.clusters.enumerated() {
            if let p = cluster.parent, !c.contains(p) { throw AppendRunError("cluster \(i) has a parent (\(p)) that is not in the run") }
        }
        var given = Set<ClusterID>()
        for cluster in run.clusters {
            guard let id = cluster.id else { continue }
            guard CladeIDs.isPipelineID(id) else { throw AppendRunError("cluster id \(id) is in Clade's own range (at or below \(CladeIDs.ceiling))") }
            guard given.insert(id).inserted else { throw AppendRunError("cluster id \(id) is given twice") }
        }
        var depthOK = [Bool](repeating: false, count: run.clusters.count)
        for start in c where !depthOK[start] {
            var seen: Set<Int> = [start]
            var current = run.clusters[start].parent
            while let p = current, !depthOK[p] {
                guard seen.insert(p).inserted else { throw AppendRunError("the cluster hierarchy has a cycle through cluster \(p)") }
                current = run.clusters[p].parent
            }
            for s in seen { depthOK[s] = true }
        }
        var assigned = Set<Int>()
        for a in run.assignments {
            guard q.contains(a.question), c.contains(a.cluster) else { throw AppendRunError("an assignment refers to a question or cluster not in the run") }
            guard assigned.insert(a.question).inserted else { throw AppendRunError("question \(a.question) is assigned twice") }
        }
        for t in run.tags where !q.contains(t.question) || !k.contains(t.capability) {
            throw AppendRunError("a capability tag refers to a question or capability not in the run")
        }
        if let e = run.embeddings, e.rows != run.questions.count {
            throw AppendRunError("\(e.rows) embeddings for \(run.questions.count) questions")
        }
    }

    /// The run's ids: each kind continues after the largest in the file (clusters after 0 at
    /// least), checked to fit before anything is written.
    static func allocate(_ run: PipelineRun, in db: Database) throws -> AppendedRun {
        func largest(_ column: String, _ table: String) throws -> Int64? {
            try Int64.fetchOne(db, sql: "SELECT MAX(\(column)) FROM \(table)")
        }
        func after(_ largest: Int64, count: Int, _ what: String) throws -> Int64 {
            guard !largest.addingReportingOverflow(Int64(count) + 1).overflow else {
                throw AppendRunError("\(what) reaches \(largest), too near the largest integer for \(count) more: the new run's ids would not fit (renumber the database's ids, or import into a new file with -o)")
            }
            return largest
        }
        let previous = try largest("run_id", "runs")
        let runID = try after(previous ?? 0, count: 1, "runs.run_id") + 1
        let questionBase = try after(largest("question_id", "questions") ?? 0, count: run.questions.count, "questions.question_id")

        let given = Set(run.clusters.compactMap(\.id))
        if !given.isEmpty, let taken = try ClusterID.fetchOne(db, sql: "SELECT cluster_id FROM clusters WHERE cluster_id IN (SELECT value FROM json_each(?)) LIMIT 1",
                                                         arguments: [CurrentState.idArray(given)]) {
            throw AppendRunError("cluster id \(taken) is already in the file")
        }
        let fileClusters = max(0, try largest("cluster_id", "clusters") ?? 0, given.max() ?? 0)
        var next = try after(fileClusters, count: run.clusters.count, "clusters.cluster_id")
        var clusterIDs = run.clusters.map { $0.id ?? 0 }
        for index in parentsFirst(run) where run.clusters[index].id == nil {
            next += 1
            clusterIDs[index] = next
        }

        // A name the file (or this run, once) already has keeps its id.
        var nextCapability = try after(largest("capability_id", "capabilities") ?? 0, count: run.capabilities.count, "capabilities.capability_id")
        var byName: [String: CapabilityID] = [:]
        let capabilityIDs = try run.capabilities.map { capability -> CapabilityID in
            if let id = byName[capability.name] { return id }
            if let id = try CapabilityID.fetchOne(db, sql: "SELECT capability_id FROM capabilities WHERE name = ?", arguments: [capability.name]) {
                byName[capability.name] = id
                return id
            }
            nextCapability += 1
            byName[capability.name] = nextCapability
            return nextCapability
        }
        return AppendedRun(runID: runID, parentRunID: previous, questionIDs: run.questions.indices.map { questionBase + Int64($0) + 1 },
                           clusterIDs: clusterIDs, capabilityIDs: capabilityIDs)
    }

    /// Cluster indices by depth, then input order: parents are written (and numbered) first.
    static func parentsFirst(_ run: PipelineRun) -> [Int] {
        let depths = PipelineRun.depths(parents: run.clusters.map(\.parent))
        return run.clusters.indices.sorted { depths[$0] != depths[$1] ? depths[$0] < depths[$1] : $0 < $1 }
    }

    static func float32LittleEndian(_ m: Matrix, row r: Int) -> Data {
        var data = Data(capacity: m.columns * 4)
        for j in 0..<m.columns {
            withUnsafeBytes(of: m[r, j].bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }
}
