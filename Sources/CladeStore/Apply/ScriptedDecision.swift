import CladeCore
import Foundation

/// One line of a `clade apply` file: a decision in the log's vocabulary, read into the request the
/// planner takes. Field names are the log's (`cluster_id`, `cluster_ids`, `question_ids`, `into`…);
/// an unknown op or field, a missing one, or a value of the wrong type is refused with the reason.
public struct ScriptedDecision: Equatable, Sendable {
    public var line: Int
    public var request: DecisionRequest
    public var note: String
    /// Cluster and question ids the line names, checked against the run before anything is written.
    public var clusterIDs: [ClusterID]
    public var questionIDs: [QuestionID]

    public struct LineError: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public static let ops = ["relabel", "merge", "split", "move", "priority", "issue_type", "action", "note", "dismiss", "reviewed", "restore"]
    /// The log's own names for the same ops.
    static let aliases = ["set_priority": "priority", "set_issue_type": "issue_type", "set_action": "action", "set_reviewed": "reviewed"]

    static let fields: [String: Set<String>] = [
        "relabel": ["cluster_id", "name", "description"],
        "merge": ["cluster_ids", "into", "name"],
        "split": ["cluster_id", "question_ids", "name", "description"],
        "move": ["question_ids", "into"],
        "priority": ["cluster_id", "priority"],
        "issue_type": ["cluster_id", "issue_type"],
        "action": ["cluster_id", "action"],
        "note": ["cluster_id", "note"],
        "dismiss": ["cluster_id", "reason"],
        "reviewed": ["cluster_id", "reviewed"],
        "restore": ["cluster_id"],
    ]

    public static func parse(_ text: String, line: Int) throws(LineError) -> ScriptedDecision {
        func fail(_ reason: String) -> LineError { LineError(line: line, reason: reason) }
        let value: LogJSON
        do { value = try LogJSON.parse(text) } catch { throw fail("not valid JSON") }
        guard case .object(let o) = value else { throw fail("expected a JSON object, one decision per line") }
        guard let rawOp = o["op"] else { throw fail("missing \"op\" (one of \(ops.joined(separator: ", ")))") }
        guard let opName = rawOp.stringValue else { throw fail("\"op\" must be a string") }
        let op = aliases[opName] ?? opName
        guard let allowed = fields[op] else { throw fail("unknown op \"\(opName)\" (expected one of \(ops.joined(separator: ", ")))") }
        let common: Set<String> = ["op", "note"]
        if let extra = o.keys.sorted().first(where: { !allowed.contains($0) && !common.contains($0) }) {
            throw fail("\(opName) takes no field \"\(extra)\" (it takes \(allowed.sorted().joined(separator: ", ")))")
        }

        func int(_ v: LogJSON, _ key: String) throws(LineError) -> Int64 {
            guard case .number(let n) = v, n == n.rounded(), abs(n) < 9e15 else { throw fail("\"\(key)\" must be an integer") }
            return Int64(n)
        }
        func required(_ key: String) throws(LineError) -> LogJSON {
            guard let v = o[key], v != .null else { throw fail("\(opName) needs \"\(key)\"") }
            return v
        }
        func id(_ key: String) throws(LineError) -> Int64 { try int(try required(key), key) }
        func ids(_ key: String) throws(LineError) -> [Int64] {
            guard case .array(let a) = try required(key) else { throw fail("\"\(key)\" must be an array of integers") }
            guard !a.isEmpty else { throw fail("\"\(key)\" is empty") }
            var out: [Int64] = []
            for v in a { out.append(try int(v, key)) }
            guard Set(out).count == out.count else { throw fail("\"\(key)\" lists an id twice") }
            return out
        }
        func string(_ key: String, required needed: Bool) throws(LineError) -> String? {
            guard let v = o[key], v != .null else {
                if needed { throw fail("\(opName) needs \"\(key)\"") }
                return nil
            }
            guard let s = v.stringValue else { throw fail("\"\(key)\" must be a string") }
            return s
        }
        func name() throws(LineError) -> String {
            let n = try string("name", required: true)!
            guard !n.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw fail("\"name\" is empty") }
            return n
        }

        let note = op == "note" ? "" : try string("note", required: false) ?? ""
        var clusters: [ClusterID] = []
        var questions: [QuestionID] = []
        let request: DecisionRequest
        switch op {
        case "relabel":
            let c = try id("cluster_id")
            clusters = [c]
            request = .relabel(c, name: try name(), description: try string("description", required: false))
        case "merge":
            let list = try ids("cluster_ids")
            let target = o["into"] != nil ? try id("into") : list[0]
            let sources = list.filter { $0 != target }
            guard !sources.isEmpty else { throw fail("merge needs at least one cluster besides the one merged into") }
            clusters = [target] + sources
            let merged = try string("name", required: false)
            request = .merge(sources: sources, into: target, name: merged)
        case "split":
            let c = try id("cluster_id")
            questions = try ids("question_ids")
            clusters = [c]
            request = .split(c, parts: [SplitPart(name: try name(), description: try string("description", required: false) ?? "", questionIDs: questions)])
        case "move":
            let target = try id("into")
            questions = try ids("question_ids")
            clusters = [target]
            request = .move(questions: questions, to: target)
        case "priority":
            let c = try id("cluster_id")
            clusters = [c]
            var p: Int?
            switch o["priority"] ?? .null {
            case .null: p = nil
            case .number: p = Int(try int(o["priority"]!, "priority"))
            case .string(let s) where s.count == 2 && s.uppercased().hasPrefix("P"): p = Int(s.dropFirst())
            default: throw fail("\"priority\" must be 0–3, \"P0\"–\"P3\" or null")
            }
            if let q = p, !(0...3).contains(q) { throw fail("\"priority\" must be 0–3, \"P0\"–\"P3\" or null") }
            if case .string = o["priority"] ?? .null, p == nil { throw fail("\"priority\" must be 0–3, \"P0\"–\"P3\" or null") }
            request = .setPriority(c, p)
        case "issue_type":
            let c = try id("cluster_id")
            clusters = [c]
            let raw = try string("issue_type", required: false)
            guard raw == nil || IssueType(rawValue: raw!) != nil else {
                throw fail("\"issue_type\" must be one of \(IssueType.allCases.map(\.rawValue).joined(separator: ", ")) or null")
            }
            request = .setIssueType(c, raw.flatMap(IssueType.init(rawValue:)))
        case "action":
            let c = try id("cluster_id")
            clusters = [c]
            let raw = try string("action", required: false)
            guard raw == nil || ClusterAction(rawValue: raw!) != nil else {
                throw fail("\"action\" must be one of \(ClusterAction.allCases.map(\.rawValue).joined(separator: ", ")) or null")
            }
            request = .setAction(c, raw.flatMap(ClusterAction.init(rawValue:)))
        case "note":
            let c = try id("cluster_id")
            clusters = [c]
            request = .setNote(c, try string("note", required: true)!)
        case "dismiss":
            let c = try id("cluster_id")
            clusters = [c]
            let raw = try string("reason", required: false) ?? DismissReason.outOfScope.rawValue
            guard let reason = DismissReason(rawValue: raw) else {
                throw fail("\"reason\" must be one of \(DismissReason.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            request = .dismiss(c, reason: reason)
        case "reviewed":
            let c = try id("cluster_id")
            clusters = [c]
            var flag = true
            if let v = o["reviewed"], v != .null {
                guard case .bool(let b) = v else { throw fail("\"reviewed\" must be true or false") }
                flag = b
            }
            request = .setReviewed(c, flag)
        default:  // restore
            let c = try id("cluster_id")
            clusters = [c]
            request = .restore(c)
        }
        return ScriptedDecision(line: line, request: request, note: note, clusterIDs: clusters, questionIDs: questions)
    }
}
