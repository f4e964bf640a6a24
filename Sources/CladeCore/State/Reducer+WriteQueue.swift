/// Decisions made while another is being written — the file locked by another program, or a
/// large split still committing — wait in `state.queuedDecisions` and are written in order once
/// it lands. A decision key is never dropped, and never falls through to another command.
extension Reducer {
    /// Writes a decision (or undo, redo) now, or queues it behind the one being written.
    static func write(_ state: inout AppState, _ effect: Effect) -> [Effect] {
        guard state.committing else {
            state.committing = true
            return [effect]
        }
        state.queuedDecisions.append(effect)
        state.status = StatusMessage(savingLine(state))
        return []
    }

    /// The write in progress ended: the next queued decision goes to the store.
    static func nextQueuedDecision(_ state: inout AppState) -> [Effect] {
        guard !state.committing, !state.queuedDecisions.isEmpty else { return [] }
        state.committing = true
        return [state.queuedDecisions.removeFirst()]
    }

    /// What cannot wait in the queue (a carry-forward rewrites the whole run) is refused in words.
    static func refuseWhileSaving(_ state: inout AppState, _ what: String) -> [Effect] {
        state.status = StatusMessage("Not now: a decision is still being saved (\(savingLine(state))); try \(what) again once it is", isError: true)
        return []
    }

    /// "Saving… (2 queued)": the status line while decisions wait.
    public static func savingLine(_ state: AppState) -> String {
        state.queuedDecisions.isEmpty ? "Saving…" : "Saving… (\(state.queuedDecisions.count) queued)"
    }
}
