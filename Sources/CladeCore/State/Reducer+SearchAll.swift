import Foundation

/// Search everywhere's keys: the query typed in the one text field (Enter searches, Tab switches
/// between words and similarity), then the results grouped by cluster: marks, questions similar
/// to the one under the cursor, and a move or split-off of the marked questions as one decision.
extension Reducer {
    static func searchAllCommand(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        guard var search = state.searchAll else { return [] }
        if search.pending != nil, waitsForResults.contains(id) {
            search.waiting.append(id)
            state.searchAll = search
            return []
        }
        switch id {
        case .cancel:
            state.searchAll = nil
            return []
        case .accept:
            let text = search.field.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                state.status = StatusMessage("Type what to look for first", isError: true)
                return []
            }
            return run(&state, search, SearchAllQuery(mode: search.similar ? .similarToText : .text, text: text))
        case .searchAllMode:
            search.similar.toggle()
            state.searchAll = search
            return []
        case .searchAllEdit:
            search.typing = true
            state.searchAll = search
            return []
        case .listDown where search.typing:
            guard !search.groups.isEmpty else { return [] }
            search.typing = false
            state.searchAll = search
            return []
        case .listDown, .listUp, .listPageDown, .listPageUp:
            let count = search.hits.count
            guard count > 0 else { return [] }
            let page = max(1, state.height - 8)
            let step = [CommandID.listDown: 1, .listUp: -1, .listPageDown: page, .listPageUp: -page][id]!
            search.cursor = min(count - 1, max(0, search.cursor + step))
            if id == .listUp, search.cursor == 0, step == -1, state.searchAll?.cursor == 0 { search.typing = true }
            state.searchAll = search
            return []
        case .toggleMark:
            guard let hit = search.selected else { return [] }
            if search.marked.remove(hit.questionID) == nil { search.marked.insert(hit.questionID) }
            search.cursor = min(search.hits.count - 1, search.cursor + 1)
            state.searchAll = search
            return []
        case .searchAllMarkAll:
            let all = Set(search.hits.map(\.questionID))
            search.marked = search.marked == all ? [] : all
            state.searchAll = search
            state.status = StatusMessage("\(search.marked.count) marked")
            return []
        case .searchAllSimilar:
            guard let hit = search.selected else { return [] }
            search.field = TextField(hit.text)
            search.similar = true
            return run(&state, search, SearchAllQuery(mode: .similarToQuestion(hit.questionID), text: hit.text))
        case .searchAllMove, .searchAllSplitOff:
            return decide(&state, id)
        default:
            return []
        }
    }

    /// The keys that act on results; typed while a search computes, they wait for its answer.
    static let waitsForResults: Set<CommandID> = [.listDown, .listUp, .listPageDown, .listPageUp, .toggleMark,
                                                  .searchAllMarkAll, .searchAllSimilar, .searchAllMove, .searchAllSplitOff]

    static func run(_ state: inout AppState, _ search: SearchAllState, _ query: SearchAllQuery) -> [Effect] {
        var search = search
        search.pending = query
        search.typing = false
        state.searchAll = search
        return [.searchAll(query)]
    }

    static func searchAllResults(_ state: inout AppState, _ result: SearchAllResult) -> [Effect] {
        // An answer to an earlier query is dropped: the newest query wins.
        guard var search = state.searchAll, search.pending == result.query else { return [] }
        let keepCursorOn = search.selected?.questionID
        search.pending = nil
        search.result = result
        search.groups = SearchAllState.group(result.hits, in: state.dataset)
        let hits = search.hits
        search.cursor = keepCursorOn.flatMap { q in hits.firstIndex { $0.questionID == q } } ?? 0
        search.marked = search.marked.intersection(hits.map(\.questionID))
        if hits.isEmpty { search.typing = true }
        let waiting = search.waiting
        search.waiting = []
        state.searchAll = search
        if hits.isEmpty, !waiting.isEmpty {
            state.status = StatusMessage("Nothing found: \(waiting.count) key\(waiting.count == 1 ? "" : "s") typed meanwhile had nothing to act on", isError: true)
            return []
        }
        // A replayed key may start a search of its own (similar questions): the keys after it wait again.
        var effects: [Effect] = []
        for id in waiting where state.searchAll != nil {
            effects += searchAllCommand(&state, id)
        }
        return effects
    }

    static func searchAllFailed(_ state: inout AppState, _ query: SearchAllQuery, _ message: String) -> [Effect] {
        guard state.searchAll?.pending == query else { return [] }
        let waiting = state.searchAll?.waiting.count ?? 0
        state.searchAll?.pending = nil
        state.searchAll?.waiting = []
        state.searchAll?.typing = true
        state.status = StatusMessage(waiting == 0 ? message : message + " (\(waiting) key\(waiting == 1 ? "" : "s") typed meanwhile not used)", isError: true)
        return []
    }
}
