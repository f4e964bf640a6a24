/// Everything that can change the state: input from the terminal and results from the store.
public enum Action: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case run(CommandID)
    case questionsLoaded(QuestionPage)
    /// The selected cluster's chart figures (relevance histogram, weekly trend).
    case chartsLoaded(ClusterCharts)
    case datasetLoaded(Dataset)
    case failed(String)
    /// Something the reviewer should know, from the run loop: a terminal fallback, a reload,
    /// a busy database (an error when `isError`).
    case notice(String, isError: Bool = false)
    /// The pipeline wrote a new run: its clusters have new ids, so the selection and the
    /// open parents follow clusters of the same names.
    case runLoaded(Dataset)
    /// Suggestions for an open dialog (relabel keywords, merge candidates…).
    case suggestionsLoaded(Dialog.Purpose, [DialogOption])
    /// A decision was written; the dataset reload follows.
    case committed(DecisionRecord)
    /// The store refused a decision, with its reason.
    case refused(String)
    /// A carry-forward finished: what it did, in one line.
    case carriedForward(String)
    case historyChanged(undo: String?, redo: String?)
    case splitProgress(fraction: Double, phase: String)
    case splitReady(SplitProposal)
    case splitFailed(String)
    /// The write in progress ended (saved or refused): the next queued decision, if any, is written.
    case writeSettled
}

/// Work `reduce` asks the run loop to do: the only way the core reaches the outside.
public enum Effect: Equatable, Sendable {
    case loadQuestions(QuestionQuery)
    case loadCharts(ChartQuery)
    case commit(DecisionRequest)
    case undo
    case redo
    /// The review of the previous run carried onto the run shown (`clade carry-forward`).
    case carryForward
    case loadSuggestions(Dialog.Purpose)
    /// Cluster the questions of a cluster in the background (k nil: choose it).
    case suggestSplit(clusterID: ClusterID, memberIDs: [ClusterID], k: Int?)
    case cancelSplit
    case redraw
    /// Switch the theme's high-contrast variant on or off.
    case setHighContrast(Bool)
    case suspend
    case quit
}
