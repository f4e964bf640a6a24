import CladeCore
import CladeStore
import Foundation
import GRDB

/// Writes an imported run as a new pipeline database, atomically: everything goes into a
/// temporary file in the output's folder, which replaces the output only once complete.
/// On any error or cancellation the temporary file is removed and the output is untouched.
public enum PipelineWriter {
    /// Refuses an output that exists (unless `force`), is a folder, is one of the inputs, or
    /// whose folder does not exist. Importers call it before doing any work.
    public static func checkDestination(_ output: String, force: Bool, inputs: [String] = []) throws(ImportError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let folder = (output as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ImportError("\(output): the folder \(folder) does not exist")
            }
        }
        guard fm.fileExists(atPath: output, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue { throw ImportError("\(output) is a folder; give a database file name") }
        for input in inputs where sameFile(input, output) {
            throw ImportError("\(output) is also an input; choose another output file")
        }
        if !force { throw ImportError("\(output) already exists; use --force to replace it") }
    }

    public static func write(_ pipeline: ImportedPipeline, to output: String, force: Bool, isCancelled: () -> Bool = { false }) throws(ImportError) {
        try pipeline.validate()
        try checkDestination(output, force: force)
        let folder = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        let temp = (folder.isEmpty ? "" : folder + "/") + ".\(name).import-\(getpid())-\(UInt32.random(in: 0 ... .max)).tmp"
        var published = false
        defer { if !published { removeDatabaseFiles(temp) } }

        do {
            let queue = try DatabaseQueue(path: temp)
            try queue.write { db in try insert(pipeline, into: db, isCancelled: isCancelled) }
            try queue.read { db in
                if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil {
                    throw ImportError("internal error: the written database fails its foreign key check")
                }
            }
            try queue.close()
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError("cannot write \(output): \(error)")
        }
        if isCancelled() { throw .cancelled }
        try publish(temp, as: output, force: force)
        published = true
        syncFolder(folder.isEmpty ? "." : folder)
    }

    // MARK: - Rows

    private static func insert(_ p: ImportedPipeline, into db: Database, isCancelled: () -> Bool) throws {
        try PipelineSchema.create(db)
        let thresholds = Thresholds.standard
        var meta: [String: String] = [
            PipelineSchema.MetaKey.relevanceMetric: "cosine",
            PipelineSchema.MetaKey.volumeHighShare: String(thresholds.volumeHighShare),
            PipelineSchema.MetaKey.relevanceLow: String(thresholds.relevanceLow),
            PipelineSchema.MetaKey.satisfactionLow: String(thresholds.satisfactionLow),
            PipelineSchema.MetaKey.minRatings: String(thresholds.minRatings),
        ]
        meta.merge(p.meta) { _, new in new }
        for (key, value) in meta.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
        }
        let formatter = ISO8601DateFormatter()
        try db.execute(
            sql: "INSERT INTO runs(run_id, created_at, source, params_json) VALUES (1, ?, ?, ?)",
            arguments: [formatter.string(from: Date()), p.source, p.params.serialized]
        )

        func checkCancel(_ i: Int) throws {
            if i % 2048 == 0 && isCancelled() { throw ImportError.cancelled }
        }

        let question = try db.makeStatement(sql: """
            INSERT INTO questions(question_id, run_id, external_id, text, asked_at, relevance, feedback, weight, metadata_json)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, q) in p.questions.enumerated() {
            try checkCancel(i)
            try question.execute(arguments: [
                i + 1, q.externalID, q.text, q.askedAt, q.relevance, q.feedback, q.weight, q.metadata.serialized,
            ])
        }

        // Parents get smaller ids than their children: ids follow depth, then input order.
        let depths = p.depths()
        let order = p.clusters.indices.sorted { depths[$0] != depths[$1] ? depths[$0] < depths[$1] : $0 < $1 }
        var clusterID = [Int](repeating: 0, count: p.clusters.count)
        for (position, index) in order.enumerated() { clusterID[index] = position + 1 }
        let cluster = try db.makeStatement(sql: """
            INSERT INTO clusters(cluster_id, run_id, parent_id, external_id, name, description, keywords_json, is_outlier)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?)
            """)
        for index in order {
            let c = p.clusters[index]
            try cluster.execute(arguments: [
                clusterID[index], c.parent.map { clusterID[$0] }, c.externalID, c.name, c.description,
                JSONValue.array(c.keywords.map(JSONValue.string)).serialized, c.isOutlier ? 1 : 0,
            ])
        }

        let assignment = try db.makeStatement(sql: """
            INSERT INTO assignments(question_id, cluster_id, probability, is_representative) VALUES (?, ?, ?, ?)
            """)
        for (i, a) in p.assignments.enumerated() {
            try checkCancel(i)
            try assignment.execute(arguments: [a.question + 1, clusterID[a.cluster], a.probability, a.isRepresentative ? 1 : 0])
        }

        for (i, name) in p.capabilities.enumerated() {
            try db.execute(sql: "INSERT INTO capabilities(capability_id, name) VALUES (?, ?)", arguments: [i + 1, name])
        }
        let tag = try db.makeStatement(sql: "INSERT INTO question_capabilities(question_id, capability_id) VALUES (?, ?)")
        for (i, qc) in p.questionCapabilities.enumerated() {
            try checkCancel(i)
            try tag.execute(arguments: [qc.question + 1, qc.capability + 1])
        }

        if let e = p.embeddings {
            let vector = try db.makeStatement(sql: "INSERT INTO question_embeddings(question_id, vector) VALUES (?, ?)")
            for r in 0..<e.rows {
                try checkCancel(r)
                try vector.execute(arguments: [r + 1, float32LittleEndian(e, row: r)])
            }
        }
    }

    private static func float32LittleEndian(_ m: Matrix, row r: Int) -> Data {
        var data = Data(capacity: m.columns * 4)
        for j in 0..<m.columns {
            withUnsafeBytes(of: m[r, j].bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    // MARK: - Files

    /// Moves the finished temporary database to `output`. Without `force`, `link` fails if the
    /// output appeared meanwhile, so an existing file is never replaced by accident.
    private static func publish(_ temp: String, as output: String, force: Bool) throws(ImportError) {
        if force {
            // A stale journal or WAL next to the old output would be applied to the new file.
            for suffix in ["-wal", "-shm", "-journal"] { unlink(output + suffix) }
            guard rename(temp, output) == 0 else { throw ImportError("cannot create \(output): \(String(cString: strerror(errno)))") }
        } else {
            guard link(temp, output) == 0 else {
                let code = errno
                if code == EEXIST { throw ImportError("\(output) already exists; use --force to replace it") }
                // Some file systems have no hard links; fall back to a plain rename after a last check.
                guard !FileManager.default.fileExists(atPath: output), rename(temp, output) == 0 else {
                    throw ImportError("cannot create \(output): \(String(cString: strerror(code)))")
                }
                return
            }
            unlink(temp)
        }
    }

    static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}
