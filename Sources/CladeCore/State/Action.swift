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
    /// The review queue computed for request `request` (dropped when a later one was asked).
    case queueLoaded(request: Int, proposals: [QueueProposal], basis: String, skipped: Set<String>)
    case queueFailed(request: Int, String)
    /// The decisions accepting a proposal makes, worked out by the store (every question, not a sample).
    case queuePrepared(key: String, [DecisionRequest])
    case queuePrepareFailed(key: String, String)
    /// A skip (or its undoing) could not be written: the screen goes back to what the file holds.
    case queueSkipFailed(key: String, skipped: Bool, String)
    /// Search everywhere answered (or could not).
    case searchAllResults(SearchAllResult)
    case searchAllFailed(SearchAllQuery, String)
    /// The external editor closed: the text it saved, or nil when it failed or saved nothing.
    case editorFinished(String?)
    /// The question asked for with `.loadQuestionDetail`, or nil when it could not be read.
    case questionDetailLoaded(QuestionDetail?)
    /// Where `.copy` put the text: the terminal's clipboard (OSC 52) or this file.
    case copied(what: String, toFile: String?)
    case mouse(MouseEvent)
    /// The write in progress ended (saved or refused): the next queued decision, if any, is written.
    case writeSettled
    /// Proposals of request `request` known so far (those needing only centres, then each re-cut
    /// checked): shown and decidable while the rest is computed.
    case queuePartial(request: Int, proposals: [QueueProposal], basis: String, skipped: Set<String>, progress: QueueProgress)
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
    /// Write the export or the report to a file; a notice says where, or why not.
    case writeFile(OutputRequest)
    /// Compute the review queue of the dataset shown, in the background, as request `n`.
    case computeQueue(request: Int)
    /// Work out the decisions accepting this proposal makes (answered by `.queuePrepared`).
    case prepareQueueProposal(QueueProposal)
    /// Remember (or forget) that the reviewer skipped a proposal in this run.
    case skipQueueProposal(run: RunID, key: String, title: String, skipped: Bool)
    /// Search every question of the run in the background.
    case searchAll(SearchAllQuery)
    /// Give the terminal to `$VISUAL`/`$EDITOR` on this text; `.editorFinished` brings it back.
    case editText(String)
    /// Read one question whole, with its metadata, for the question view.
    case loadQuestionDetail(QuestionID)
    /// Put text on the clipboard (OSC 52 where the terminal takes it, else a file); `what` names it.
    case copy(String, what: String)
}
