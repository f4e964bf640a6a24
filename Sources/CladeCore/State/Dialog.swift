/// A modal dialog: a text prompt, a picker or a choice. One model serves all, so keys behave
/// the same everywhere (type to filter or edit, ↑/↓ to choose, Enter to accept, Esc to cancel).
public struct Dialog: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case relabel(ClusterID)
        case describe([ClusterID])
        case note([ClusterID])
        case newCapability(ClusterID?)
        case splitName(ClusterID, [QuestionID])
        case mergeTarget(sources: [ClusterID])
        case moveTarget(questions: [QuestionID])
        case survivingLabel(sources: [ClusterID], target: ClusterID)
        case priority([ClusterID])
        case issueType([ClusterID])
        case action([ClusterID])
        case dismiss([ClusterID])
        /// Which segment threshold to change.
        case thresholds
        case thresholdValue(ThresholdKey)
        /// Which prioritisation input of a cluster to change.
        case prioritisation(ClusterID)
        case prioritisationValue(ClusterID, PrioritisationField)
    }

    public enum Style: Equatable, Sendable {
        /// A line of text, with optional suggestions to copy into it.
        case text
        /// A fuzzy-filtered list: typing filters.
        case picker
        /// A short list picked by ↑/↓ or by each option's key.
        case choice
    }

    public var purpose: Purpose
    public var style: Style
    public var title: String
    /// A line of explanation under the title.
    public var prompt: String
    /// The edited text (text dialogs) or the filter (pickers).
    public var field: TextField
    public var text: String {
        get { field.text }
        set { field = TextField(newValue) }
    }
    public var options: [DialogOption]
    /// Index into `visibleOptions`; -1 means the text line has focus (text dialogs).
    public var cursor: Int
    /// Suggestions are being computed.
    public var loading: Bool

    public init(purpose: Purpose, style: Style, title: String, prompt: String = "", text: String = "", options: [DialogOption] = [], cursor: Int = 0, loading: Bool = false) {
        self.purpose = purpose
        self.style = style
        self.title = title
        self.prompt = prompt
        field = TextField(text)
        self.options = options
        self.cursor = cursor
        self.loading = loading
    }

    /// Rows of options the dialog shows on a screen `height` rows high; the view draws this
    /// many and the reducer pages by it.
    public func listRows(screenHeight height: Int) -> Int {
        let visible = visibleOptions.count
        let room = max(1, height - 10)
        switch style {
        case .choice: return min(room, max(visible, 1))
        case .text: return visible == 0 && !loading ? 0 : min(room, max(3, visible))
        case .picker: return min(room, max(6, min(visible, 14)))
        }
    }

    /// The options shown: in a picker, those matching the filter, best first.
    public var visibleOptions: [DialogOption] {
        guard style == .picker, !text.isEmpty else { return options }
        return options.enumerated().compactMap { i, o -> (DialogOption, Int, Int)? in
            FuzzyMatch.score(text, in: o.label).map { (o, $0, i) } ?? (o.label.lowercased().contains(text.lowercased()) ? (o, 0, i) : nil)
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }.map(\.0)
    }
}

public struct DialogOption: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        case cancel
        case cluster(ClusterID)
        case priority(Int?)
        case issueType(IssueType?)
        case action(ClusterAction?)
        case dismiss(DismissReason)
        case restore
        case label(String)
        case newLabel
        case threshold(ThresholdKey)
        case prioritisationField(PrioritisationField)
        case resetPrioritisation
    }

    public var label: String
    public var detail: String
    /// Pressing this key picks the option (choice dialogs).
    public var key: Character?
    public var value: Value
    /// Shown apart, above the rest (merge suggestions, the segment's default action).
    public var suggested: Bool

    public init(_ label: String, detail: String = "", key: Character? = nil, value: Value, suggested: Bool = false) {
        self.label = label
        self.detail = detail
        self.key = key
        self.value = value
        self.suggested = suggested
    }
}

/// A suggested split being computed or shown.
public struct SplitPreview: Equatable, Sendable {
    public var clusterID: ClusterID
    /// The k asked for; nil while choosing it automatically.
    public var requestedK: Int?
    public var progress: Double?
    public var phase: String
    public var proposal: SplitProposal?
    public var error: String?

    public init(clusterID: ClusterID, requestedK: Int? = nil) {
        self.clusterID = clusterID
        self.requestedK = requestedK
        phase = "Starting"
    }
}

/// What a suggested split would make.
public struct SplitProposal: Equatable, Sendable {
    public struct Part: Equatable, Sendable {
        public var questionIDs: [QuestionID]
        public var stats: ClusterStats
        public var keywords: [String]
        public var samples: [String]
        public init(questionIDs: [QuestionID], stats: ClusterStats, keywords: [String], samples: [String]) {
            self.questionIDs = questionIDs
            self.stats = stats
            self.keywords = keywords
            self.samples = samples
        }
        /// A name from the part's distinctive words.
        public var suggestedName: String {
            let name = keywords.prefix(3).joined(separator: " · ")
            return name.prefix(1).uppercased() + name.dropFirst()
        }
    }

    public var clusterID: ClusterID
    public var k: Int
    /// Chosen by silhouette rather than by the reviewer.
    public var automatic: Bool
    public var silhouette: Double?
    /// "embeddings" or "TF-IDF".
    public var vectors: String
    /// Largest part first; it stays in the cluster, the others become new clusters.
    public var parts: [Part]

    public init(clusterID: ClusterID, k: Int, automatic: Bool, silhouette: Double?, vectors: String, parts: [Part]) {
        self.clusterID = clusterID
        self.k = k
        self.automatic = automatic
        self.silhouette = silhouette
        self.vectors = vectors
        self.parts = parts
    }
}
