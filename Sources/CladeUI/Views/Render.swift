import CladeCore

/// Draws the whole screen from the state. Pure: the same state, size and theme always give
/// the same cells, which is what the golden screens in `Screens/` rely on.
public func render(_ state: AppState, theme: Theme) -> Screen {
    var screen = draw(state, theme: theme)
    if theme.asciiOnly { screen.transliterateToASCII() }
    return screen
}

/// `previous` (the last frame rendered) with only the bottom line redrawn from `state`: a notice
/// that must be on screen before slow work starts ("Saving your decision…") without rendering the
/// whole screen again (about as long as a relabel's commit at 100,000 questions).
public func renderFooter(over previous: Screen, _ state: AppState, theme: Theme) -> Screen {
    guard previous.size == Size(width: state.width, height: state.height), !state.layout.tooSmall else { return render(state, theme: theme) }
    var screen = previous
    Footer.draw(&screen, state: state, theme: theme)
    if theme.asciiOnly { screen.transliterateToASCII() }
    return screen
}

func draw(_ state: AppState, theme: Theme) -> Screen {
    var screen = Screen(size: Size(width: state.width, height: state.height))
    let layout = state.layout
    if layout.tooSmall {
        TooSmallView.draw(&screen, state: state, theme: theme)
        return screen
    }
    TitleBar.draw(&screen, state: state, theme: theme)
    let top = layout.titleRows
    let body = Rect(x: 0, y: top, width: layout.width, height: layout.body)
    switch state.view {
    case .main: drawPanes(&screen, state: state, theme: theme)
    case .segments: SegmentGridView.draw(&screen, state: state, theme: theme, rect: body)
    case .priorities: PrioritiesView.draw(&screen, state: state, theme: theme, rect: body)
    case .charts: ChartsView.draw(&screen, state: state, theme: theme, rect: body)
    case .matrix: MatrixView.draw(&screen, state: state, theme: theme, rect: body)
    case .queue: QueueView.draw(&screen, state: state, theme: theme, rect: body)
    }
    Footer.draw(&screen, state: state, theme: theme)
    if let search = state.searchAll {
        SearchAllView.draw(&screen, state: state, search: search, theme: theme)
    }
    if let dialog = state.dialog {
        DialogView.draw(&screen, state: state, dialog: dialog, theme: theme)
    }
    if let detail = state.openQuestion {
        QuestionDetailView.draw(&screen, state: state, detail: detail, theme: theme)
    }
    if let split = state.split {
        SplitPreviewView.draw(&screen, state: state, split: split, theme: theme)
    }
    // Last: help can be opened over a dialog, the split preview or a prompt.
    if let overlay = state.overlay {
        CommandListView.draw(&screen, state: state, overlay: overlay, theme: theme)
    }
    return screen
}

/// The three panes, as the layout (and its workshop zoom) shares the rows and columns out.
func drawPanes(_ screen: inout Screen, state: AppState, theme: Theme) {
    let layout = state.layout
    let top = layout.titleRows
    if layout.topHeight > 0 {
        if layout.sideBySide {
            ClustersView.draw(&screen, state: state, theme: theme, rect: Rect(x: 0, y: top, width: layout.clustersWidth, height: layout.topHeight))
            CapabilitiesView.draw(&screen, state: state, theme: theme, rect: Rect(x: layout.clustersWidth, y: top, width: layout.capabilitiesWidth, height: layout.topHeight))
        } else {
            let rect = Rect(x: 0, y: top, width: layout.width, height: layout.topHeight)
            if state.focus == .capabilities {
                CapabilitiesView.draw(&screen, state: state, theme: theme, rect: rect)
            } else {
                ClustersView.draw(&screen, state: state, theme: theme, rect: rect)
            }
        }
    }
    if layout.bottomHeight > 0 {
        QuestionsView.draw(&screen, state: state, theme: theme, rect: Rect(x: 0, y: top + layout.topHeight, width: layout.width, height: layout.bottomHeight))
    }
}

/// Shown instead of the panes when the terminal cannot hold them.
enum TooSmallView {
    static func draw(_ screen: inout Screen, state: AppState, theme: Theme) {
        let need = "\(LayoutMetrics.minimumWidth)×\(LayoutMetrics.minimumHeight)"
        let have = "\(state.width)×\(state.height)"
        // A key refused meanwhile says so here: the status line is not on this screen.
        // As the status line draws it: controls escaped, so the text is printable before it is wrapped.
        let refusal = state.status.map { TextWidth.displayGraphemes($0.text).map(\.text).joined() + ". " } ?? ""
        let words = "\(refusal)Terminal too small: Clade needs \(need), this one is \(have). Enlarge the window or use a smaller font. q quits.".split(separator: " ").map(String.init)
        var lines: [String] = []
        var line = ""
        let width = max(1, state.width - 2)
        for w in words {
            if line.isEmpty { line = w } else if TextWidth.width(of: line + " " + w) <= width { line += " " + w } else {
                lines.append(line)
                line = w
            }
        }
        if !line.isEmpty { lines.append(line) }
        let top = max(0, (state.height - lines.count) / 2)
        for (i, l) in lines.enumerated() where top + i < state.height {
            let w = TextWidth.width(of: l)
            screen.put(l, x: max(0, (state.width - w) / 2), y: top + i, style: i == 0 ? .warn : .normal)
        }
    }
}

enum TitleBar {
    static func draw(_ screen: inout Screen, state: AppState, theme: Theme) {
        let data = state.dataset
        let width = state.width
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: .status)
        let progress = ReviewProgress(data)
        var right = "\(Format.volume(data.total.volume)) questions · \(data.leafCount) clusters · \(Format.percent(data.ratedShare, decimals: 0)) rated"
        if data.total.isSampled { right += " " + theme.glyphs.sampled }
        if let queue = QueueView.headerSegment(state.queue) { right = queue + " · " + right }
        if data.readOnly { right = "READ-ONLY · " + right }
        let used = screen.put(" Clade ", x: 0, y: 0, style: .status)
        // The review's progress, as fully as leaves the whole title room, else a dozen columns.
        let share = Format.percent(progress.volumeShare, decimals: 0)
        let forms = [" · \(progress.done) reviewed (\(share) of volume)", " · \(progress.done) reviewed (\(share))", " · \(progress.done) reviewed"]
        func room(_ form: String) -> Int { width - used - TextWidth.width(of: right + form) - 2 }
        let titleWidth = TextWidth.width(of: data.title)
        if let form = forms.first(where: { room($0) >= titleWidth }) ?? forms.first(where: { room($0) >= 12 }) { right += form }
        let rightWidth = TextWidth.width(of: right) + 1
        let titleRoom = width - used - rightWidth - 1
        if titleRoom >= 8 {
            screen.put(data.title, x: used, y: 0, maxWidth: titleRoom, style: .status)
            screen.put(right, x: width - rightWidth, y: 0, style: data.readOnly ? .banner : .status)
        } else {
            screen.put(right, x: used, y: 0, maxWidth: width - used, style: data.readOnly ? .banner : .status)
        }
    }
}

enum Footer {
    static func draw(_ screen: inout Screen, state: AppState, theme: Theme) {
        let y = state.height - 1
        let width = state.width
        screen.fill(Rect(x: 0, y: y, width: width, height: 1))
        if let prompt = state.prompt {
            let label = prompt.kind == .search ? "Search" : "Filter"
            let used = screen.put("\(label) \(prompt.prefix)", x: 0, y: y, style: .keyHint)
            let w = TextFieldView.draw(&screen, prompt.field, x: used, y: y, room: width - used - 1)
            // "No match", "No cluster matches": said beside the prompt, where the eyes are.
            let hint = state.status.map(\.text) ?? Hints.line(prompt.context, [.accept, .cancel])
            let hw = TextWidth.width(of: hint)
            if used + w + hw + 3 < width { screen.put(hint, x: width - hw - 1, y: y, style: state.status?.isError == true ? .statusError : .dim) }
            return
        }
        if let status = state.status {
            screen.put(" " + status.text, x: 0, y: y, maxWidth: width, style: status.isError ? .statusError : .accent)
            return
        }
        // As many as fit, the least important dropped first, shown in registry order; in a
        // dialog or overlay, only its own keys.
        let entries = CommandRegistry.footerHints(in: state.context, width: width, measure: TextWidth.width(of:))
        var x = 1
        for entry in entries where x < width {
            x += screen.put(entry.keys, x: x, y: y, style: .keyHint)
            x += screen.put(" " + entry.label + "  ", x: x, y: y, style: .normal)
        }
        let marks = state.focus == .clusters ? state.markedClusters.count : (state.focus == .questions ? state.markedQuestions.count : 0)
        if marks > 0 {
            let text = " \(marks) marked "
            screen.put(text, x: width - TextWidth.width(of: text) - 1, y: y, style: .marked)
        }
        if !state.pendingKeys.isEmpty {
            let pending = state.pendingKeys.map(\.label).joined()
            screen.put(pending, x: width - TextWidth.width(of: pending) - 1, y: y, style: .keyHint)
        }
    }
}
