/// The question view (Enter on a question) and `Y`, which copies what is selected.
extension Reducer {
    static func openQuestion(_ state: inout AppState) -> [Effect] {
        let rows = state.questions.rows
        guard rows.indices.contains(state.questions.cursor.index) else { return [] }
        return [.loadQuestionDetail(rows[state.questions.cursor.index].id)]
    }

    static func questionDetailLoaded(_ state: inout AppState, _ detail: QuestionDetail?) -> [Effect] {
        guard let detail else {
            state.status = StatusMessage("The question could not be read", isError: true)
            return []
        }
        // Only the question still under the cursor opens (a late answer after moving on does not).
        let rows = state.questions.rows
        guard rows.indices.contains(state.questions.cursor.index), rows[state.questions.cursor.index].id == detail.question.id,
              state.focus == .questions, !state.context.isModal else { return [] }
        state.openQuestion = detail
        return []
    }

    static func questionCommand(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        switch id {
        case .cancel:
            state.openQuestion = nil
            return []
        case .yank:
            return yank(&state)
        default:
            return []
        }
    }

    /// `Y`: the open question whole; in the Questions pane the question under the cursor; in
    /// the Clusters pane the cluster's name, figures and keywords.
    static func yank(_ state: inout AppState) -> [Effect] {
        if let detail = state.openQuestion { return [.copy(detail.copyText, what: "the question")] }
        if state.focus == .questions, state.questions.rows.indices.contains(state.questions.cursor.index) {
            return [.copy(state.questions.rows[state.questions.cursor.index].text, what: "the question")]
        }
        guard let c = state.selectedCluster else { return [] }
        let segment = state.dataset.segment(of: c)
        var lines = [c.name]
        if !c.description.isEmpty { lines.append(c.description) }
        lines.append("\(c.stats.rows) questions, volume \(c.stats.volume) · segment \(segment.code(separator: "")) (\(segment.reading))")
        if !c.keywords.isEmpty { lines.append("Keywords: " + c.keywords.joined(separator: ", ")) }
        if !c.note.isEmpty { lines.append("Note: " + c.note) }
        return [.copy(lines.joined(separator: "\n"), what: "\u{201C}\(c.name)\u{201D}")]
    }

    static func copied(_ state: inout AppState, what: String, toFile: String?) -> [Effect] {
        state.status = StatusMessage(toFile.map { "Saved \(what) to \($0): this terminal takes no clipboard escape (OSC 52)" }
            ?? "Copied \(what) to the clipboard (OSC 52)")
        return []
    }
}
