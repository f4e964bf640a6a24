import Foundation

/// A file the app writes from the palette (`:export`, `:report`): what, and where.
public struct OutputRequest: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The decisions for the pipeline, as `clade export --format json` writes them.
        case decisions
        /// The consultant's report: HTML, or Markdown for a `.md` or `.markdown` path.
        case report

        public var title: String {
            switch self {
            case .decisions: "the decisions"
            case .report: "the report"
            }
        }

        /// `-decisions.json`, `-report.html`: added to the database's name for the default file.
        var suffix: String {
            switch self {
            case .decisions: "-decisions.json"
            case .report: "-report.html"
            }
        }
    }

    public var kind: Kind
    /// As typed; `~/` is the home folder, a relative path is taken from the database's folder.
    public var path: String

    public init(kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }

    /// Next to the database: `construction.sqlite` → `construction-report.html`.
    public static func defaultPath(_ kind: Kind, database: String) -> String {
        let base = (database as NSString).deletingPathExtension
        return (base.isEmpty ? "clade" : base) + kind.suffix
    }

    /// The path to write: `~` expanded from `$HOME`, a relative one under the database's folder.
    public func resolved(database: String, home: String?) -> String {
        var p = path
        if p == "~" || p.hasPrefix("~/"), let home, !home.isEmpty { p = home + p.dropFirst() }
        if !p.hasPrefix("/") {
            let folder = (database as NSString).deletingLastPathComponent
            p = (folder.isEmpty ? "." : folder) + "/" + p
        }
        return p
    }

    /// Markdown for the report when the path asks for it.
    public var isMarkdown: Bool {
        ["md", "markdown"].contains((path as NSString).pathExtension.lowercased())
    }
}

/// `:export` and `:report`: a text dialog (the one text field) with the default file next to
/// the database; Enter writes it. Runs on a read-only database too: it only reads.
public enum OutputFileDialog: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        let kind: OutputRequest.Kind = command == .writeReport ? .report : .decisions
        let what = kind == .report ? "Write the report to" : "Export the decisions to"
        let hint = kind == .report ? "HTML (a .md path writes Markdown). Enter writes; Esc cancels." : "JSON, as clade export writes it. Enter writes; Esc cancels."
        return .open(Dialog(purpose: .outputPath(kind), style: .text, title: what, prompt: hint,
                            text: OutputRequest.defaultPath(kind, database: state.dataset.path), cursor: -1), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .outputPath = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .outputPath(let kind) = dialog.purpose, case .text(let path) = answer else { return .close }
        guard !path.isEmpty else { return .refuse("Type the file to write, or Esc to cancel") }
        return .write(OutputRequest(kind: kind, path: path))
    }

    static func open(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        Reducer.apply(&state, start(id, state))
    }
}
