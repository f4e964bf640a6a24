import ArgumentParser
import CladeCore
import CladeStore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the reviewer's decisions for the pipeline: the log in order and the state it produces.",
        discussion: """
            JSON holds: decisions (in order, with old and new values), clusters (label, status, survivor, priority, \
            issue type, action, note, capability verdicts), questions (question → reviewed cluster), reassignments \
            (only the questions that changed cluster) and bertopic (custom_labels for set_topic_labels, \
            topics_to_merge for merge_topics). CSV prints one table, chosen with --table.
            With --consumer NAME, only decisions the consumer has not taken yet are printed, and its cursor then \
            moves past them (the only change export makes to the database).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }
    enum Table: String, ExpressibleByArgument, CaseIterable { case decisions, clusters, questions, reassignments }

    @Argument(help: "The diagnostics database.")
    var database: String

    @Option(name: .long, help: "json or csv.")
    var format: Format = .json

    @Option(name: .long, help: "Only decisions after this decision id.")
    var since: Int64?

    @Option(name: .long, help: "A consuming pipeline's name: print what it has not taken yet, then remember where it stopped.")
    var consumer: String?

    @Option(name: .long, help: "With --format csv: decisions, clusters, questions or reassignments.")
    var table: Table = .decisions

    @Option(name: .customLong("run"), help: "The state of this run instead of the latest (after a re-import, the run reviewed before it).")
    var runID: Int64?

    func validate() throws {
        if since != nil, consumer != nil { throw ValidationError("--since and --consumer cannot be combined: the consumer's cursor says where to start") }
        if let consumer, consumer.isEmpty { throw ValidationError("--consumer needs a name") }
    }

    func run() throws {
        let app = try reportingErrors { try AppDatabase.open(path: database, forceReadOnly: consumer == nil) }
        let export = try reportingErrors { try DecisionExport.make(app, since: since, consumer: consumer, runID: runID) }
        let text = try reportingErrors { format == .json ? OutputText.json(try export.json()) : CSVTables.render(export, table: table) }
        emit(text)
        if let consumer {
            try reportingErrors { try DecisionExport.advance(app, consumer: consumer, through: export.through) }
        }
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
                     "issue_type", "action", "effective_action", "segment", "reviewed", "note", "questions", "volume"]]
            rows += e.clusters.map { c in
                [String(c.clusterID), c.externalID ?? "", c.origin, c.parentID.map(String.init) ?? "", c.label, c.pipelineLabel ?? "", c.status,
                 String(c.survivor), c.priority.map { "P\($0)" } ?? "", c.issueType ?? "", c.action ?? "", c.effectiveAction ?? "", c.segment,
                 c.reviewed ? "1" : "0", c.note, String(c.questions), String(c.volume)]
            }
        case .questions, .reassignments:
            rows = [["question_id", "external_id", "pipeline_cluster_id", "reviewed_cluster_id"]]
            rows += (table == .questions ? e.questions : e.reassignments).map { q in
                [String(q.questionID), q.externalID ?? "", String(q.pipelineClusterID), String(q.reviewedClusterID)]
            }
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }

    static func ids(_ ids: [Int64]) -> String { ids.map(String.init).joined(separator: " ") }

    static func field(_ s: String) -> String { OutputText.csvField(s) }
}
