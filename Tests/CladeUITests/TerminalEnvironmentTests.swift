import CladeTerminal
import Testing

@Suite("Terminal environment decisions")
struct TerminalEnvironmentTests {
    let utf8Xterm = ["TERM": "xterm-256color", "LANG": "en_US.UTF-8"]

    @Test("a UTF-8 xterm gets colour and Unicode")
    func capable() {
        let env = TerminalEnvironment(variables: utf8Xterm)
        #expect(env.allowsUnicode)
        #expect(env.allowsColor(terminalHasColors: true))
        #expect(!env.allowsColor(terminalHasColors: false))
    }

    @Test("NO_COLOR=1 turns colour off, keeps Unicode; an empty NO_COLOR does not")
    func noColor() {
        var vars = utf8Xterm
        vars["NO_COLOR"] = "1"
        let env = TerminalEnvironment(variables: vars)
        #expect(env.noColor)
        #expect(!env.allowsColor(terminalHasColors: true))
        #expect(env.allowsUnicode)
        vars["NO_COLOR"] = ""
        #expect(TerminalEnvironment(variables: vars).allowsColor(terminalHasColors: true))
    }

    @Test("TERM=dumb, empty or unset: no colour, no Unicode")
    func dumb() {
        for term: String? in ["dumb", "", nil] {
            var vars = utf8Xterm
            vars["TERM"] = term
            let env = TerminalEnvironment(variables: vars)
            #expect(env.isDumbTerminal)
            #expect(!env.allowsColor(terminalHasColors: true))
            #expect(!env.allowsUnicode)
        }
    }

    @Test("LANG=C (or POSIX, or a locale without a codeset) is not UTF-8")
    func cLocale() {
        for lang in ["C", "POSIX", "en_US", "de_DE@euro", "en_US.ISO-8859-1"] {
            let env = TerminalEnvironment(variables: ["TERM": "xterm", "LANG": lang])
            #expect(!env.isUTF8, "\(lang)")
            #expect(!env.allowsUnicode, "\(lang)")
            #expect(env.allowsColor(terminalHasColors: true))
        }
    }

    @Test("UTF-8 locale names in their usual spellings", arguments: ["C.UTF-8", "C.utf8", "en_US.UTF-8", "ja_JP.utf-8", "sr_RS.UTF-8@latin"])
    func utf8Names(lang: String) {
        #expect(TerminalEnvironment(variables: ["TERM": "xterm", "LANG": lang]).allowsUnicode)
    }

    @Test("LC_ALL beats LC_CTYPE beats LANG; empty ones are skipped")
    func precedence() {
        #expect(!TerminalEnvironment(variables: ["TERM": "xterm", "LC_ALL": "C", "LANG": "C.UTF-8"]).isUTF8)
        #expect(TerminalEnvironment(variables: ["TERM": "xterm", "LC_ALL": "", "LC_CTYPE": "C.UTF-8", "LANG": "C"]).isUTF8)
        #expect(TerminalEnvironment(variables: ["TERM": "xterm", "LC_CTYPE": "C", "LANG": "C.UTF-8"]).localeName == "C")
        #expect(!TerminalEnvironment(variables: ["TERM": "xterm"]).isUTF8)
    }

    @Test("the codeset after setlocale overrides what the locale name suggests")
    func codesetWins() {
        // LANG names a UTF-8 locale that is not installed: setlocale fails, the codeset is ASCII.
        let missing = TerminalEnvironment(variables: utf8Xterm, codeset: "ANSI_X3.4-1968")
        #expect(missing.localeNameRequestsUTF8)
        #expect(!missing.isUTF8)
        #expect(TerminalEnvironment(variables: ["TERM": "xterm", "LANG": "C"], codeset: "UTF-8").allowsUnicode)
    }

    @Test("the current process environment can be read")
    func current() {
        let env = TerminalEnvironment.current(codeset: "UTF-8")
        #expect(env.codeset == "UTF-8")
    }

    @Test("errors read as one line")
    func errors() {
        let all: [TerminalError] = [
            .notATerminal(stream: "standard output"), .unknownTerminal(term: "nosuch"),
            .unknownTerminal(term: ""), .noCursorAddressing(term: "dumb"),
        ]
        for error in all {
            #expect(!error.description.contains("\n"))
        }
        #expect(TerminalError.unknownTerminal(term: "nosuch").description.contains("'nosuch'"))
    }
}
