import ArgumentParser
import CladeCore
import CladeStore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the reviewer's decisions for the pipeline: the log in order and the state it produces.",
        discussion: """
            --format json (clade-decisions/2): decisions, clusters (with concept ids), reassignments, expert_clusters \
            (members, keywords, centroid and the rule to assign unseen rows), pipeline_centroids and bertopic; the full \
            per-question list only with --questions or below 10,000 questions. --format jsonl streams one line per \
            question (header first, end line last); --format kura prints a Kura checkpoint of the reviewed clusters; \
            --format bertopic the BERTopic section alone; --format csv one table, chosen with --table. \
            --changed: only the questions the review moved or dismissed.
            Reading never moves a cursor. With --consumer NAME the decisions after its cursor are printed with the \
            id they run through; after applying them, the pipeline runs `clade ack DB --consumer NAME --through ID`. \
            See docs/export-format.md.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, jsonl, csv, kura, bertopic }
    enum Table: String, ExpressibleByArgument, CaseIterable { case decisions, clusters, questions, reassignments }

    @Argument(help: "The diagnostics database.")
    var database: String

    @Option(name: .long, help: "json, jsonl, csv, kura or bertopic.")
    var format: Format = .json

    @Option(name: .long, help: "Only decisions after this decision id.")
    var since: Int64?

    @Option(name: .long, help: "A consuming pipeline's name: print the decisions after its cursor (the cursor moves only with `clade ack`).")
    var consumer: String?

    @Option(name: .long, help: "With --format csv: decisions, clusters, questions or reassignments.")
    var table: Table?

    @Option(name: .customLong("run"), help: "The state of this run instead of the latest (after a re-import, the run reviewed before it).")
    var runID: Int64?

    @Flag(help: "Only the questions the review moved to another cluster or dismissed (jsonl, csv --table questions, json's questions).")
    var changed = false

    @Flag(help: "With --format json: list every question, however many.")
    var questions = false

    func run() throws {
        if since != nil, consumer != nil { throw fail("--since and --consumer cannot be combined: the consumer's cursor says where to start") }
        if let consumer, consumer.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("--consumer needs a name") }
        if table != nil, format != .csv { throw fail("--table goes with --format csv") }
        if questions, format != .json { throw fail("--questions goes with --format json (jsonl always lists the questions)") }
        if changed, !(format == .jsonl || format == .json || (format == .csv && table == .questions)) {
            throw fail("--changed goes with --format jsonl, json or csv --table questions")
        }
        if format == .kura, consumer != nil || since != nil {
            throw fail("--format kura is the reviewed clusters, not the decisions: --consumer and --since go with json, jsonl, csv or bertopic")
        }
        let app = try openForReading(database)
        let out = LineWriter()
        switch format {
        case .json, .bertopic:
            var export = try reportingErrors {
                try DecisionExport.make(app, since: since, consumer: consumer, runID: runID, includeQuestions: questions ? true : nil)
            }
            if changed {
                export.questions = export.reassignments
                export.questionsIncluded = true
            }
            out.writeJSON(try reportingErrors { format == .json ? try export.json() : try export.bertopicJSON() })
        case .jsonl:
            let done = try reportingErrors {
                try AssignmentStream.run(app, runID: runID, since: since, consumer: consumer, changedOnly: changed,
                                         header: { out.writeJSON(try AssignmentStream.Lines.header($0)) },
                                         line: { out.writeJSON(AssignmentStream.Lines.question($0)) })
            }
            out.writeJSON(AssignmentStream.Lines.end(through: done.header.through, questions: done.questions))
        case .kura:
            for line in try reportingErrors({ try KuraCheckpoint.lines(app, runID: runID) }) { out.writeJSON(line) }
        case .csv:
            let table = table ?? .decisions
            if table == .questions || table == .reassignments {
                out.write(CSVTables.questionHeader)
                let done = try reportingErrors {
                    try AssignmentStream.run(app, runID: runID, since: since, consumer: consumer, changedOnly: changed || table == .reassignments,
                                             header: { _ in }, line: { out.write(CSVTables.questionRow($0)) })
                }
                out.flush()
                if consumer != nil { note(through: done.header.through) }
            } else {
                let export = try reportingErrors { try DecisionExport.make(app, since: since, consumer: consumer, runID: runID, includeQuestions: false) }
                out.write(CSVTables.render(export, table: table))
                out.flush()
                if consumer != nil { note(through: export.through) }
            }
        }
        out.flush()
    }

    /// CSV has no room for it: where a consumer read through goes to standard error.
    func note(through: Int64) {
        let line = "clade: read through decision \(through); acknowledge with: clade ack \(database) --consumer \(consumer ?? "") --through \(through)"
        FileHandle.standardError.write(Data((SafeText.line(line) + "\n").utf8))
    }
}

/// Standard output in large blocks: a JSONL export of a million questions is not a million writes.
/// Every line passes the output layer (`OutputText`): no control reaches the reader raw.
final class LineWriter {
    private var buffer = Data()

    /// A JSON text: unsafe scalars inside its strings become `\uXXXX` (the values read back the same).
    func writeJSON(_ json: String) { write(OutputText.json(json)) }

    func write(_ line: String) {
        buffer.append(contentsOf: OutputText.document(line).utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The export's tables as RFC 4180 CSV.
enum CSVTables {
    static func render(_ e: DecisionExport, table: ExportCommand.Table) -> String {
        var rows: [[String]]
        switch table {
        case .decisions:
            // run_id last: columns a consumer reads by position keep their place.
            rows = [["decision_id", "at", "reviewer", "op", "summary", "cluster_ids", "question_ids", "note", "undoes", "run_id"]]
            rows += e.decisions.map { d in
                [String(d.decisionID), d.at, d.reviewer, d.op, d.summary, ids(d.clusterIDs), ids(d.questionIDs), d.note, d.undoes.map(String.init) ?? "", String(d.runID)]
            }
        case .clusters:
            rows = [["cluster_id", "external_id", "origin", "parent_id", "label", "pipeline_label", "status", "survivor", "priority",
                     "issue_type", "action", "effective_action", "segment", "reviewed", "note", "questions", "volume", "concept_id"]]
            rows += e.clusters.map { c in
                [String(c.clusterID), c.externalID ?? "", c.origin.rawValue, c.parentID.map(String.init) ?? "", c.label, c.pipelineLabel ?? "", c.status.rawValue,
                 String(c.survivor), c.priority.map { "P\($0)" } ?? "", c.issueType ?? "", c.action ?? "", c.effectiveAction ?? "", c.segment,
                 c.reviewed ? "1" : "0", c.note, String(c.questions), String(c.volume), c.conceptID]
            }
        case .questions, .reassignments:
            return ([questionHeader] + (table == .questions ? e.questions : e.reassignments).map(questionRow)).joined(separator: "\n")
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }

    /// The columns of a JSONL question line, without `kind`.
    static let questionHeader = "question_id,external_id,pipeline_cluster_id,reviewed_cluster_id,concept_id,label,status,topic"

    static func questionRow(_ q: QuestionLine) -> String {
        [String(q.questionID), q.externalID ?? "", String(q.pipelineClusterID), String(q.reviewedClusterID), q.conceptID, q.label, q.status,
         q.topic.map(String.init) ?? ""].map(field).joined(separator: ",")
    }

    static func ids(_ ids: [Int64]) -> String { ids.map(String.init).joined(separator: " ") }

    static func field(_ s: String) -> String { OutputText.csvField(s) }
}
