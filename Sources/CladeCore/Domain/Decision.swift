/// What the reviewer decides. The store turns each into one log row plus the state change, in one
/// transaction.
public enum DecisionRequest: Equatable, Sendable {
    case relabel(ClusterID, name: String, description: String?)
    /// Merges `sources` into `target`; `name`, when given, becomes the survivor's label.
    case merge(sources: [ClusterID], into: ClusterID, name: String?)
    /// Moves each part's questions out of `cluster` into a new cluster with the part's name.
    case split(ClusterID, parts: [SplitPart])
    case move(questions: [QuestionID], to: ClusterID)
    case setPriority(ClusterID, Int?)
    case setIssueType(ClusterID, IssueType?)
    case setAction(ClusterID, ClusterAction?)
    case setNote(ClusterID, String)
    case setReviewed(ClusterID, Bool)
    case dismiss(ClusterID, reason: DismissReason)
    case restore(ClusterID)
    case capabilityVerdict(ClusterID, CapabilityID, CapabilityVerdict?)
    case addCapability(name: String, description: String, confirmOn: ClusterID?)
    case setThreshold(key: String, value: String?)
    case setPrioritisation(ClusterID, PrioritisationInputs)
    /// A routed split (one source) or a re-cluster of several clusters (`Recluster`).
    case recluster(Recluster)
    /// Questions from anywhere in the run (a search's marks) into one new cluster.
    case gather(questions: [QuestionID], name: String, description: String)
    /// The same decision on several clusters (marked ones), recorded as one log row with the op
    /// of its parts, so one undo reverts them all.
    case batch([DecisionRequest])

    public var op: DecisionOp {
        switch self {
        case .batch(let parts): parts.first?.op ?? .note
        case .relabel: .relabel
        case .merge: .merge
        case .split: .split
        case .move: .move
        case .setPriority: .setPriority
        case .setIssueType: .setIssueType
        case .setAction: .setAction
        case .setNote: .note
        case .setReviewed: .setReviewed
        case .dismiss: .dismiss
        case .restore: .restore
        case .capabilityVerdict: .capabilityVerdict
        case .addCapability: .addCapability
        case .setThreshold: .setThreshold
        case .setPrioritisation: .setPrioritisation
        case .recluster(let r): r.sources.count > 1 ? .recluster : .split
        case .gather: .split
        }
    }
}

public struct SplitPart: Equatable, Sendable {
    public var name: String
    public var description: String
    public var questionIDs: [QuestionID]
    public init(name: String, description: String = "", questionIDs: [QuestionID]) {
        self.name = name
        self.description = description
        self.questionIDs = questionIDs
    }
}

public enum DismissReason: String, CaseIterable, Sendable {
    /// Tell users "we don't do that".
    case outOfScope = "out_of_scope"
    /// Send users to other software that answers it.
    case redirect

    public var title: String {
        switch self {
        case .outOfScope: "out of scope: tell users \"we don't do that\""
        case .redirect: "redirect users to other software"
        }
    }
}

public enum CapabilityVerdict: String, CaseIterable, Sendable {
    case confirmed, rejected
}

/// Inputs of the prioritised list: expected value = impact × volume share × success, or
/// (impact × volume%) / (effort × risk).
public struct PrioritisationInputs: Equatable, Sendable {
    public var impact: Double?
    public var effort: Double?
    public var risk: Double?
    public var success: Double?
    public init(impact: Double? = nil, effort: Double? = nil, risk: Double? = nil, success: Double? = nil) {
        self.impact = impact
        self.effort = effort
        self.risk = risk
        self.success = success
    }
}

/// The `op` column of the decision log. A log may hold an op this build does not know (written
/// by a newer Clade): it reads as `.unknown` with its text, shows as it was written, and undoes
/// like any decision (undo applies the row's old values, whatever its op).
public enum DecisionOp: RawRepresentable, Hashable, Codable, Sendable {
    case relabel, merge, split, move
    case setPriority
    case setIssueType
    case setAction
    case note
    case setReviewed
    case dismiss, restore
    case capabilityVerdict
    case addCapability
    case setThreshold
    case setPrioritisation
    case undo, redo
    case recluster
    case unknown(String)

    /// Every op this build writes.
    public static let known: [DecisionOp] = [
        .relabel, .merge, .split, .move, .setPriority, .setIssueType, .setAction, .note, .setReviewed, .dismiss, .restore,
        .capabilityVerdict, .addCapability, .setThreshold, .setPrioritisation, .undo, .redo, .recluster,
    ]

    private static let byText: [String: DecisionOp] = Dictionary(uniqueKeysWithValues: known.map { ($0.rawValue, $0) })

    public init(rawValue: String) { self = Self.byText[rawValue] ?? .unknown(rawValue) }

    public var rawValue: String {
        switch self {
        case .relabel: "relabel"
        case .merge: "merge"
        case .split: "split"
        case .move: "move"
        case .setPriority: "set_priority"
        case .setIssueType: "set_issue_type"
        case .setAction: "set_action"
        case .note: "note"
        case .setReviewed: "set_reviewed"
        case .dismiss: "dismiss"
        case .restore: "restore"
        case .capabilityVerdict: "capability_verdict"
        case .addCapability: "add_capability"
        case .setThreshold: "set_threshold"
        case .setPrioritisation: "set_prioritisation"
        case .undo: "undo"
        case .redo: "redo"
        case .recluster: "recluster"
        case .unknown(let text): text
        }
    }
}

/// One row of the decision log, as the UI and export see it.
public struct DecisionRecord: Equatable, Sendable {
    public var id: Int64
    public var runID: RunID
    public var at: String
    public var reviewer: String
    public var op: DecisionOp
    public var clusterIDs: [ClusterID]
    public var questionIDs: [QuestionID]
    public var note: String
    public var undoes: Int64?
    /// A one-line account for the status line and history: "Merged Open RFIs into RFI status".
    public var summary: String

    public init(id: Int64, runID: RunID, at: String, reviewer: String, op: DecisionOp, clusterIDs: [ClusterID], questionIDs: [QuestionID], note: String, undoes: Int64?, summary: String) {
        self.id = id
        self.runID = runID
        self.at = at
        self.reviewer = reviewer
        self.op = op
        self.clusterIDs = clusterIDs
        self.questionIDs = questionIDs
        self.note = note
        self.undoes = undoes
        self.summary = summary
    }
}
