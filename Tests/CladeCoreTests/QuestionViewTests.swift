@testable import CladeCore
import Testing

/// Enter on a question reads it whole with its metadata; `Y` copies the question or the cluster.
@Suite struct QuestionViewTests {
    static let detail = QuestionDetail(question: Question(id: 2, text: "question 2, whole", relevance: 0.5, feedback: -1, weight: 4),
                                       project: "Mills", channel: "web", user: "u-1", sources: "3")

    @Test func enterOpensTheQuestionAndEscClosesIt() {
        var store = DecisionKindTests.inQuestions()
        store.send("j", { $0.questions.cursor.index = 1 })
        store.send("\r", effects: [.loadQuestionDetail(2)])
        store.receive(.questionDetailLoaded(Self.detail)) { $0.openQuestion = Self.detail }
        #expect(store.state.context == .questionView)
        store.send("Y", effects: [.copy(Self.detail.copyText, what: "the question")])
        #expect(Self.detail.copyText == "question 2, whole\nRelevance: 0.5\nSatisfaction: thumbs down\nWeight: 4.0\nProject: Mills\nChannel: web\nUser: u-1\nSources: 3")
        store.send("x") { $0.status = StatusMessage("x does nothing here. The keys that work are below; Esc cancels.") }
        store.send("\u{1B}") { $0.openQuestion = nil }
    }

    @Test func aLateAnswerForAnotherQuestionDoesNotOpen() {
        var store = DecisionKindTests.inQuestions()
        store.receive(.questionDetailLoaded(Self.detail))
        store.receive(.questionDetailLoaded(nil)) { $0.status = StatusMessage("The question could not be read", isError: true) }
    }

    @Test func yankACluster() {
        var store = DecisionKindTests.onRFIStatus()
        let effects = Fixtures.press(&store.state_, [.char("Y")])
        guard case .copy(let text, let what)? = effects.first else { Issue.record("no copy: \(effects)"); return }
        #expect(what == "“RFI status”" && text.hasPrefix("RFI status\n300 questions") && text.contains("Keywords: rfi, status"))
        store.receive(.copied(what: what, toFile: "/tmp/clade-copied.txt")) {
            $0.status = StatusMessage("Saved “RFI status” to /tmp/clade-copied.txt: this terminal takes no clipboard escape (OSC 52)")
        }
        store.receive(.copied(what: what, toFile: nil)) { $0.status = StatusMessage("Copied “RFI status” to the clipboard (OSC 52)") }
    }
}
