/// A modal dialog: a text prompt, a picker or a choice. One model serves all, so keys behave
/// the same everywhere (type to filter or edit, ↑/↓ to choose, Enter to accept, Esc to cancel).
public struct Dialog: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case relabel(ClusterID)
        case describe([ClusterID])
        case note([ClusterID])
        case newCapability(ClusterID?)
        case splitName(ClusterID, [QuestionID])
        /// The name of a new cluster made of questions found anywhere (search everywhere).
        case gatherName([QuestionID])
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
        /// Where to write the export or the report.
        case outputPath(OutputRequest.Kind)
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
