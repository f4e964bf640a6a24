@testable import CladeCore
import Testing

/// Every modal context (dialogs, the split preview, help, the palette, the prompts) reads its
/// keys from the registry: a key that does anything there must be listed there, and every
/// footer hint must name a key that is bound where the footer shows it.
@Suite struct ModalKeysTests {
    /// Every key a terminal can send that the app decodes.
    static let universe: [Key] = {
        var keys: [Key] = (0x20...0x7E).map { .char(Character(Unicode.Scalar(UInt8($0)))) }
        keys += ["é", "→", "中"].map { .char($0) }
        keys += "abcdefghijklmnopqrstuvwxyz".map { .ctrl($0) }
        keys += [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .enter, .escape, .tab, .backTab,
                 .backspace, .delete, .insert, .shiftUp, .shiftDown, .ctrlLeft, .ctrlRight, .paste("pasted text")]
        keys += (1...12).map { .function($0) }
        return keys
    }()

    static let split = SplitProposal(
        clusterID: 11, k: 2, automatic: true, silhouette: 0.4, vectors: "TF-IDF",
        parts: [
            .init(questionIDs: [1, 2], stats: Fixtures.stats(2, relevance: 0.5, satisfied: 1, rated: 2), keywords: ["rfi"], samples: []),
            .init(questionIDs: [3], stats: Fixtures.stats(1, relevance: 0.5, satisfied: 1, rated: 1), keywords: ["status"], samples: []),
        ])

    /// A state in each modal context, opened the way a reviewer opens it.
    static func state(in context: Context) -> AppState {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("j"))  // a leaf: RFI status
        switch context {
        case .choice: Fixtures.press(&s, Fixtures.keys("p"))
        case .picker:
            Fixtures.press(&s, Fixtures.keys("m"))
            _ = Reducer.reduce(&s, .suggestionsLoaded(s.dialog!.purpose, []))
        case .textDialog: Fixtures.press(&s, Fixtures.keys("e"))
        case .split:
            Fixtures.press(&s, Fixtures.keys("s"))
            _ = Reducer.reduce(&s, .splitReady(split))
        case .splitField:
            Fixtures.press(&s, Fixtures.keys("s"))
            _ = Reducer.reduce(&s, .splitReady(split))
            Fixtures.press(&s, Fixtures.keys("3"))
        case .searchAllField: Fixtures.press(&s, [.ctrl("f")])
        case .searchAll:
            Fixtures.press(&s, [.ctrl("f")] + Fixtures.keys("rfi\r"))
            _ = Reducer.reduce(&s, .searchAllResults(SearchAllTests.result))
        case .help: Fixtures.press(&s, Fixtures.keys("?"))
        case .palette: Fixtures.press(&s, Fixtures.keys(":"))
        case .search: Fixtures.press(&s, Fixtures.keys("/r"))
        case .filter: Fixtures.press(&s, Fixtures.keys("\\r"))
        case .questionView:
            Fixtures.press(&s, [.tab])
            s.openQuestion = QuestionDetail(question: Question(id: 1, text: "question 1"))
        default: Issue.record("not modal: \(context)")
        }
        #expect(s.context == context)
        return s
    }

    @Test(arguments: Context.modalContexts)
    func everyKeyHandledInAModalContextIsInTheRegistry(_ context: Context) {
        let start = Self.state(in: context)
        let optionKeys = Set(start.dialog?.visibleOptions.compactMap(\.key) ?? [])
        for key in Self.universe {
            var s = start
            let effects = Reducer.reduce(&s, .key(key))
            var before = start
            before.status = nil
            let messageOnly = s.status.map { !$0.isError && $0.text.contains("does nothing here") } ?? false
            if messageOnly { s.status = nil }
            guard s != before || !effects.isEmpty else { continue }
            if case .command = Keymap.standard.resolve([key], in: context) { continue }
            if context.takesText, key.typedText != nil { continue }
            if context == .choice, case .char(let c) = key, optionKeys.contains(c) { continue }
            Issue.record("\(key.label) does something in \(context) but the registry does not list it there")
        }
    }

    @Test(arguments: Context.modalContexts)
    func aModalContextDoesNotInheritTheGlobalKeys(_ context: Context) {
        var s = Self.state(in: context)
        let effects = Reducer.reduce(&s, .key(.char("q")))
        #expect(!s.quitting && !effects.contains(.quit))
        #expect(!CommandRegistry.commands(in: context).contains { $0.id == .quit })
    }

    @Test(arguments: Context.all)
    func everyFooterHintNamesAKeyThatWorksThere(_ context: Context) {
        let hints = CommandRegistry.footerHints(in: context, width: 10_000)
        for hint in hints {
            // `j/k`, `[/]`, `+/-`, `↑/↓`: each side is a key; a lone `/` is a key too.
            let names = hint.keys == "/" ? ["/"] : hint.keys.split(separator: "/").map(String.init)
            for name in names {
                let bound = Self.universe.filter { $0.label == name }.contains { key in
                    if case .command = Keymap.standard.resolve([key], in: context) { return true }
                    return false
                }
                #expect(bound, "footer of \(context) shows \(name) \(hint.label), which is not bound there")
            }
        }
    }

    @Test func choiceDialogsMoveWithJAndK() {
        var s = Self.state(in: .choice)
        let effects = Fixtures.press(&s, Fixtures.keys("jjk\r"))
        #expect(effects == [.commit(.setPriority(11, 1))])
    }

    @Test func ctrlCCancelsTheSearchPromptLikeADialog() {
        var s = Self.state(in: .search)
        Fixtures.press(&s, [.ctrl("c")])
        #expect(s.prompt == nil)
        #expect(!s.quitting)
    }

    @Test func theTextFieldEditsTheSameInEveryPrompt() {
        for context in [Context.textDialog, .picker, .help, .palette, .search, .filter, .splitField, .searchAllField] {
            var s = Self.state(in: context)
            Fixtures.press(&s, [.ctrl("u")] + Fixtures.keys("cost lookup") + [.ctrl("w"), .home, .delete, .end, .paste("budget\nnow")])
            let text = s.dialog?.text ?? s.overlay?.query ?? s.prompt?.text ?? s.split?.field?.text ?? s.searchAll?.field.text
            #expect(text == "ost budget now", "\(context)")
        }
    }

    @Test func textFieldWordJumpsAndMidLineEdits() {
        var field = TextField("fiscal year budget")
        field.apply(.textWordLeft)
        field.apply(.textWordLeft)
        field.insert("FY ")
        #expect(field.text == "fiscal FY year budget")
        field.apply(.textWordRight)
        field.apply(.textDeleteToStart)
        #expect(field.text == " budget" && field.cursor == 0)
        field.insert("\u{1B}[31m")
        #expect(field.text == "[31m budget")
        // A combining mark on its own (random keys found this) keeps the cursor valid.
        var marks = TextField("e")
        marks.insert("\u{301}")
        marks.insert("x")
        marks.apply(.textDeleteBack)
        marks.apply(.textLeft)
        marks.apply(.textDeleteForward)
        #expect(marks.cursor == 1 && marks.text == "e")
    }
}

@Suite struct ModalHelpTests {
    @Test func f1OverADialogListsTheDialogsKeysAndRunsThem() {
        var s = ModalKeysTests.state(in: .choice)
        Fixtures.press(&s, [.function(1)])
        #expect(s.context == .help && s.overlay?.context == .choice)
        let rows = CommandList.rows(s.overlay!)
        #expect(rows.contains { $0.id == .listDown } && !rows.contains { $0.id == .quit })
        // Esc closes help and leaves the dialog as it was; Enter on "Next option" moves in it.
        Fixtures.press(&s, [.escape])
        #expect(s.overlay == nil && s.context == .choice)
        let before = s.dialog!.cursor
        Fixtures.press(&s, [.function(1), .enter])
        #expect(s.overlay == nil && s.dialog?.cursor == before + 1)
    }
}

@Suite struct HelpLegendTests {
    /// `?` then Tab shows the legend, ↓ scrolls it, typing goes back to the keys filtered, Tab toggles.
    @Test func tabInHelpShowsTheLegendAndTypingGoesBackToTheKeys() {
        var s = ModalKeysTests.state(in: .help)
        s.height = 24  // the legend is longer than help's list here: it scrolls
        #expect(s.overlay?.legend == false)
        Fixtures.press(&s, [.tab])
        #expect(s.overlay?.legend == true && s.context == .help)
        Fixtures.press(&s, [.down, .down])
        #expect(s.overlay?.legendScroll == 2 && s.overlay?.cursor.index == 0)
        Fixtures.press(&s, [.enter])
        #expect(s.overlay != nil && s.overlay?.legend == false)
        Fixtures.press(&s, [.tab])
        Fixtures.press(&s, Fixtures.keys("sort"))
        #expect(s.overlay?.legend == false && s.overlay?.query == "sort")
        Fixtures.press(&s, [.tab, .tab])
        #expect(s.overlay?.legend == false)
    }

    @Test func theLegendExplainsTheColumnsAndMarksTheListsUse() {
        let marks = Legend.entries.map(\.mark)
        for column in ["Rel", "Sat", "Seg", "P", "(redirected)", "(out of scope)", "(n in danger zone)"] {
            #expect(marks.contains(.text(column)), "\(column)")
        }
        for mark: LegendMark in [.weighted, .sampledWeight, .reviewed, .bar, .sparkline, .segment("HLL")] {
            #expect(marks.contains(mark))
        }
    }
}
