/// The review queue as the app holds it: what is being computed (in flight is state, like
/// questions and charts), the proposals of the last answer, the reviewer's skips and the cursor
/// of view 8.
public struct QueueState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        /// Nothing asked yet.
        case idle
        /// Request `n` is being computed; answers to earlier requests are stale.
        case computing(Int)
        case ready
        case failed(String)
    }

    public var phase: Phase = .idle
    /// The last request number handed out; an answer with another number is dropped.
    public var request = 0
    /// Proposals of the last answer, ranked (skipped ones included: the view hides them).
    public var proposals: [QueueProposal] = []
    /// The request `proposals` answer: while it is the current one they describe the data shown
    /// (a partial answer can be decided on); an older one is only shown until the new answer.
    public var answered = 0
    /// How far the current request has got while its proposals are partial; nil otherwise.
    public var progress: QueueProgress?
    /// The reviewer moved the cursor since the request: it then follows its proposal as answers
    /// come in; else, on the first row, it stays on the first row (the best known so far).
    public var cursorMoved = false
    /// At the request, the selected proposal and those listed after it (none when it was the
    /// first: the cursor then stays on the first row): until the reviewer moves,
    /// the cursor goes to the first of them still proposed — after a decision on a proposal, the
    /// one that followed it, whatever order the streamed answers bring the rest in.
    public var following: [String] = []
    /// "embeddings" or "TF-IDF".
    public var basis = ""
    /// Keys of proposals the reviewer skipped in this run (`x`), kept in the database.
    public var skipped: Set<String> = []
    /// `X`: list the skipped proposals instead of the open ones.
    public var showingSkipped = false
    public var cursor = ListCursor()
    /// The proposal whose decisions are being worked out in the background (Enter on a move
    /// or a home), by key.
    public var preparing: String?

    public init() {}

    /// The proposals the view lists: the open ones, or (`X`) the skipped ones.
    public var listed: [QueueProposal] {
        proposals.filter { skipped.contains($0.key) == showingSkipped }
    }

    /// Open proposals: the count in the header.
    public var openCount: Int { proposals.filter { !skipped.contains($0.key) }.count }

    public var selected: QueueProposal? {
        let rows = listed
        return rows.indices.contains(cursor.index) ? rows[cursor.index] : nil
    }

    public var isComputing: Bool {
        if case .computing = phase { return true }
        return false
    }

    /// Whether the proposals listed describe the data shown: the last answer, or a partial
    /// answer of the request being computed.
    public var isCurrent: Bool {
        switch phase {
        case .ready: true
        case .computing(let n): answered == n && progress != nil
        case .idle, .failed: true
        }
    }

    /// Rows of proposals the view shows on a screen `height` rows high (each proposal takes two
    /// lines: title, evidence); the rest of the body is the preview pane. The reducer scrolls by it.
    public static func listRows(screenHeight height: Int) -> Int {
        let body = max(0, height - 2)
        return max(1, (body * 55 / 100 - 3) / 2)
    }
}

extension QueueProposal {
    /// What kind of finding it is, in the words of view 8.
    public var kindTitle: String {
        switch kind {
        case .recut(let clusters, _): clusters.count == 1 ? "too broad" : "intents spread"
        case .merge: "near-duplicates"
        case .move: "misplaced questions"
        case .home: "outliers worth a home"
        case .tiny: "tiny, not worth fixing"
        case .playbook(_, let segment, _): "\(segment.code()) \(segment.reading)"
        }
    }
}
