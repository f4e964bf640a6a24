/// One kind of decision, in one file: the commands that start it, the dialog it opens, and
/// what its dialog's answer commits. The store plans the change set of the request it commits
/// (`CladeStore/Decisions/Plans/`). The registry names the kind behind each decision command
/// (`Command.decision`), so the reducer routes to it without a list of its own.
public protocol DecisionKind {
    /// What a command of this kind does first, from the state it was pressed in.
    static func start(_ command: CommandID, _ state: AppState) -> DecisionStep
    /// Whether a dialog belongs to this kind.
    static func owns(_ purpose: Dialog.Purpose) -> Bool
    /// What the kind's dialog answered leads to. The default closes the dialog.
    static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep
}

extension DecisionKind {
    public static func owns(_ purpose: Dialog.Purpose) -> Bool { false }
    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep { .close }
}

/// Where a decision goes next.
public enum DecisionStep: Equatable, Sendable {
    /// Show this dialog (the first, or the next one); `load` asks for its suggestions.
    case open(Dialog, load: Bool)
    /// Record this; the dialog closes and the marks it used are cleared.
    case commit(DecisionRequest)
    /// Say why not; an open dialog stays open so the reviewer can fix the text.
    case refuse(String)
    /// Compute a suggested split of the cluster in the background and preview it.
    case previewSplit(ClusterID)
    /// Compute a re-cut of several clusters together (the first keeps its id) and preview it.
    case previewRecluster([ClusterID])
    /// Nothing to record: close the dialog.
    case close
    /// Write a file (the export or the report): the run loop does, and says where.
    case write(OutputRequest)
}

/// What a dialog answered, as the dialog itself (a child feature) reduces its keys.
public enum DialogAnswer: Equatable, Sendable {
    /// An option was picked (by Enter or by its letter).
    case picked(DialogOption)
    /// A text dialog's text was accepted, trimmed.
    case text(String)
}

/// Shared by the kinds: every active leaf as a picker option, largest first.
enum DecisionOptions {
    static func clusters(_ state: AppState, excluding: Set<ClusterID>) -> [DialogOption] {
        state.dataset.clusters
            .filter { state.dataset.isLeaf($0.id) && !excluding.contains($0.id) }
            .sorted { $0.stats.volume != $1.stats.volume ? $0.stats.volume > $1.stats.volume : $0.id < $1.id }
            .map { c in
                let parent = c.parentID.flatMap { state.dataset.cluster($0)?.name }
                return DialogOption(c.name, detail: [parent, "\(Format.volume(c.stats.volume)) questions"].compactMap { $0 }.joined(separator: " · "), value: .cluster(c.id))
            }
    }

    /// The questions a question decision applies to: the marked ones, or the one under the cursor.
    static func questions(_ state: AppState) -> [QuestionID] {
        let marked = state.questions.rows.filter { state.markedQuestions.contains($0.id) }.map(\.id)
        if !marked.isEmpty { return marked }
        return state.questions.rows.indices.contains(state.questions.cursor.index) ? [state.questions.rows[state.questions.cursor.index].id] : []
    }

    static func notOnParent(_ verb: String) -> DecisionStep {
        .refuse("A parent cannot be \(verb): pick one of its clusters")
    }
}
