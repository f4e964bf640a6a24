import CladeCore
import Foundation
import GRDB
@testable import CladeImport

/// Paths of the shared real-data fixtures (`../shared/realdata` next to the repository).
enum RealData {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/realdata").standardizedFileURL

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static var available: Bool { FileManager.default.fileExists(atPath: path("banking77-queries.csv")) }
}

/// A fresh folder per test, removed afterwards.
final class TempFolder {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("clade-import-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let p = path(name)
        try! FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        precondition(FileManager.default.createFile(atPath: p, contents: Data(bytes)), "cannot write \(p)")
        return p
    }

    /// File names in the folder (hidden temporary files included), sorted.
    var files: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
}

/// Read-only queries on an imported database.
struct ImportedDatabase {
    let queue: DatabaseQueue

    init(_ path: String) throws {
        var config = Configuration()
        config.readonly = true
        queue = try DatabaseQueue(path: path, configuration: config)
    }

    func int(_ sql: String) throws -> Int { try queue.read { try Int.fetchOne($0, sql: sql) ?? -1 } }
    func string(_ sql: String) throws -> String? { try queue.read { try String.fetchOne($0, sql: sql) } }
    func strings(_ sql: String) throws -> [String] { try queue.read { try String.fetchAll($0, sql: sql) } }

    /// Deepest level of the cluster tree, roots at 0.
    func maxDepth() throws -> Int {
        try int("""
            WITH RECURSIVE d(id, depth) AS (
                SELECT cluster_id, 0 FROM clusters WHERE parent_id IS NULL
                UNION ALL SELECT c.cluster_id, d.depth + 1 FROM clusters c JOIN d ON c.parent_id = d.id)
            SELECT MAX(depth) FROM d
            """)
    }
}

/// A CSV line with RFC 4180 quoting.
func csvLine(_ fields: [String]) -> String {
    fields.map { f in
        f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
    }.joined(separator: ",")
}

/// Writes the pipeline to `folder/out.sqlite` and opens it.
func writeAndOpen(_ pipeline: ImportedPipeline, in folder: TempFolder, name: String = "out.sqlite") throws -> ImportedDatabase {
    let out = folder.path(name)
    try PipelineWriter.write(pipeline, to: out, force: false)
    return try ImportedDatabase(out)
}

/// Questions about three topics, with every optional column.
func threeTopicCSV() -> String {
    let topics: [(String, [String])] = [
        ("card", ["When will my card arrive?", "My card has not arrived yet", "Is my new card delivered soon?", "Card delivery is late, where is my card?"]),
        ("pin", ["How do I change my PIN?", "My PIN is blocked", "I forgot my PIN code", "Unblock my PIN please"]),
        ("fx", ["What is the exchange rate for euros?", "Exchange rate for dollars today", "Why was the exchange rate bad?", "Currency exchange fees and rate"]),
    ]
    var lines = [csvLine(["id", "question", "created_at", "thumbs", "retrieval_score", "tags", "weight", "channel"])]
    var n = 0
    for (topic, texts) in topics {
        for text in texts {
            n += 1
            let feedback = ["up", "down", "", "thumbs_up"][n % 4]
            let tags = topic == "fx" ? "compare; rates" : (topic == "pin" ? "account|security" : "")
            lines.append(csvLine([
                "q\(n)", text, "2025-03-\(String(format: "%02d", n)) 10:00:00", feedback, String(Double(n) / 20), tags,
                n == 1 ? "2.5" : "", n % 2 == 0 ? "web" : "app",
            ]))
        }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
}
