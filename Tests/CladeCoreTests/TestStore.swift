@testable import CladeCore
import Testing

/// Drives the reducer as a reviewer would and checks every step exhaustively, in the manner
/// of TCA's TestStore: the effects must be exactly those expected, and the state after must be
/// exactly the state before with the expected changes applied. No store, no SQLite.
struct TestStore {
    private(set) var state: AppState
    /// For setting a scene up without checks (selecting a row, loading questions).
    var state_: AppState {
        get { state }
        set { state = newValue }
    }

    init(_ state: AppState = Fixtures.state()) {
        self.state = state
    }

    /// Presses `keys`; `changes` turns the state before into the state expected after.
    mutating func send(_ keys: String, effects: [Effect] = [], _ changes: (inout AppState) -> Void = { _ in },
                       sourceLocation: SourceLocation = #_sourceLocation) {
        send(Fixtures.keys(keys), effects: effects, changes, sourceLocation: sourceLocation)
    }

    mutating func send(_ keys: [Key], effects: [Effect] = [], _ changes: (inout AppState) -> Void = { _ in },
                       sourceLocation: SourceLocation = #_sourceLocation) {
        var expected = state
        // A key clears the status line before anything else.
        if !keys.isEmpty { expected.status = nil }
        let produced = Fixtures.press(&state, keys)
        changes(&expected)
        #expect(produced == effects, sourceLocation: sourceLocation)
        #expect(state == expected, "state differs from the expected changes", sourceLocation: sourceLocation)
    }

    /// Presses keys that open a dialog: checks where keys now go and the dialog's title, and
    /// hands the opened dialog back for closer checks.
    @discardableResult
    mutating func open(_ keys: String, _ context: Context, title: String, effects: [Effect] = [],
                       sourceLocation: SourceLocation = #_sourceLocation) -> Dialog? {
        let produced = Fixtures.press(&state, Fixtures.keys(keys))
        #expect(produced == effects, sourceLocation: sourceLocation)
        #expect(state.context == context, sourceLocation: sourceLocation)
        #expect(state.dialog?.title == title, sourceLocation: sourceLocation)
        return state.dialog
    }

    /// Presses keys to set a scene up, unchecked (they are other tests' business).
    mutating func setUp(_ keys: String) {
        Fixtures.press(&state, Fixtures.keys(keys))
    }

    /// Sends an action from the run loop (loaded suggestions, a committed record…).
    mutating func receive(_ action: Action, effects: [Effect] = [], _ changes: (inout AppState) -> Void = { _ in },
                          sourceLocation: SourceLocation = #_sourceLocation) {
        var expected = state
        let produced = Reducer.reduce(&state, action)
        changes(&expected)
        #expect(produced == effects, sourceLocation: sourceLocation)
        #expect(state == expected, "state differs from the expected changes", sourceLocation: sourceLocation)
    }

    /// The store wrote the decision: the status line says so and decisions are open again.
    mutating func receiveCommitted(_ op: DecisionOp, summary: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let record = DecisionRecord(id: 1, runID: 1, at: "2026-01-01T00:00:00Z", reviewer: "test", op: op,
                                    clusterIDs: [], questionIDs: [], note: "", undoes: nil, summary: summary)
        receive(.committed(record), { s in
            s.committing = false
            s.status = StatusMessage(summary + " · u undoes")
        }, sourceLocation: sourceLocation)
    }
}

extension AppState {
    /// What every commit does to the state: the dialog closes and decisions wait for the store.
    mutating func committing() {
        dialog = nil
        committing = true
    }
}
