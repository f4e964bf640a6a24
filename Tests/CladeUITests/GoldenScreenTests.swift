import CladeCore
import CladeUI
import Testing

/// Every screen of the browsing TUI, rendered from the bundled sample at standard sizes and
/// compared with `Screens/`. `UPDATE_GOLDEN=1 swift test --filter GoldenScreenTests` rewrites them.
@Suite(.serialized) struct GoldenScreenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var keys: String
        var sizes: [(Int, Int)]
        var mono: Bool = true
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "clusters", keys: "", sizes: [(80, 24), (120, 40), (60, 18)]),
        Case(name: "questions", keys: "/fiscal<Enter><Enter>", sizes: [(80, 24), (120, 40)]),
        Case(name: "capabilities", keys: "3j<Enter>", sizes: [(80, 24), (120, 40)]),
        Case(name: "help", keys: "?", sizes: [(80, 24), (120, 40)]),
        Case(name: "help-filtered", keys: "2?order", sizes: [(80, 24)], mono: false),
        // The Legend page of help (issue 14): what Rel, Sat, Seg, ≈, (×4) and the marks mean.
        Case(name: "help-legend", keys: "?\t", sizes: [(80, 24), (120, 40)]),
        Case(name: "palette", keys: ":sort", sizes: [(80, 24), (120, 40)]),
        Case(name: "search", keys: "/rfi", sizes: [(80, 24)], mono: false),
        Case(name: "filter", keys: "\\cost<Enter>", sizes: [(80, 24)], mono: false),
        Case(name: "questions-filter", keys: "<Enter>\\revision", sizes: [(120, 40)], mono: false),
        Case(name: "too-small", keys: "", sizes: [(30, 10), (49, 13)]),
        // Segments, priorities, charts and the matrix (issue 4), and the workshop layouts.
        Case(name: "segments", keys: "4", sizes: [(80, 24), (120, 40), (60, 18)]),
        Case(name: "segments-thresholds", keys: "4t", sizes: [(80, 24)], mono: false),
        Case(name: "priorities", keys: "5", sizes: [(80, 24), (120, 40), (60, 18)]),
        Case(name: "charts", keys: "/fiscal<Enter>6", sizes: [(80, 24), (120, 40), (60, 18)]),
        Case(name: "matrix", keys: "7", sizes: [(80, 24), (120, 40), (60, 18)]),
        Case(name: "matrix-scrolled", keys: "7lll", sizes: [(80, 24)], mono: false),
        Case(name: "zoomed", keys: "+", sizes: [(80, 24), (120, 40)], mono: false),
        Case(name: "full-screen", keys: "<Enter>++", sizes: [(80, 24)], mono: false),
        // The split preview (issue 13): parts with figures and routes, a part routed elsewhere, a re-cluster.
        Case(name: "split-preview", keys: "/Drawing counts<Enter>s", sizes: [(120, 40), (80, 24)], mono: false),
        Case(name: "split-typing-k", keys: "/Drawing counts<Enter>s1", sizes: [(80, 24)], mono: false),
        Case(name: "search-all", keys: "<C-f>rfi open<Enter>", sizes: [(120, 40), (80, 24)], mono: false),
        Case(name: "search-all-similar", keys: "<C-f>rfi open<Enter><settle>jj<Space><Space>~", sizes: [(120, 40)], mono: false),
        Case(name: "recluster-preview", keys: "/Open RFIs<Enter> /RFI status<Enter> s", sizes: [(120, 40)], mono: false),
    ]

    /// `<settle>` splits a script where the screen must show what the background answered (a
    /// search's results) before the next keys, as a person waits to see them.
    static func type(_ keys: String, into app: SampleApp) -> Screen {
        var screen = app.type("")
        for part in keys.components(separatedBy: "<settle>") where !part.isEmpty { screen = app.type(part) }
        return screen
    }

    @Test(arguments: cases)
    func screen(_ c: Case) throws {
        for (w, h) in c.sizes {
            let app = try SampleApp(width: w, height: h)
            Golden.check("\(c.name)-\(w)x\(h)", Self.type(c.keys, into: app))
        }
        if c.mono {
            let (w, h) = c.sizes[0]
            let app = try SampleApp(width: w, height: h, theme: .mono)
            Golden.check("\(c.name)-\(w)x\(h)-mono", app.type(c.keys), withStyles: true)
        }
    }

    /// Routing keys act on the parts shown, so they are typed once the proposal is there.
    @Test func splitPreviewWithAPartRoutedElsewhereAndNamed() throws {
        let app = try SampleApp(width: 120, height: 40)
        app.type("/Drawing counts<Enter>s")
        Golden.check("split-routed-120x40", app.type("jm"))
        Golden.check("split-naming-120x40", app.type("ne<C-u>Revisions"))
    }

    @Test func asciiForDumbTerminals() throws {
        let app = try SampleApp(width: 80, height: 24, theme: .ascii)
        Golden.check("clusters-80x24-ascii", app.type(""), withStyles: true)
    }

    /// The charts and the matrix in ASCII: `_ . - = #` bars, `*` for the line, `. : + #` shades.
    @Test func chartsInASCII() throws {
        Golden.check("charts-80x24-ascii", try SampleApp(width: 80, height: 24, theme: .ascii).type("/fiscal<Enter>6"), withStyles: true)
        Golden.check("matrix-80x24-ascii", try SampleApp(width: 80, height: 24, theme: .ascii).type("7"), withStyles: true)
    }

    /// The legend draws the theme's own glyphs: `~` for a weighted count, `v` for reviewed.
    @Test func legendInASCII() throws {
        Golden.check("help-legend-80x24-ascii", try SampleApp(width: 80, height: 24, theme: .ascii).type("?\t"), withStyles: true)
    }

    @Test func readOnlyBanner() throws {
        let app = try SampleApp(width: 80, height: 24, readOnly: true)
        Golden.check("read-only-80x24", app.type(""))
    }
}

@Suite struct ReadOnlyBehaviourTests {
    @Test func editingKeysExplainWhyTheyDoNothing() throws {
        let app = try SampleApp(width: 80, height: 24, readOnly: true)
        let screen = app.type("r")
        #expect(app.state.dialog == nil)
        #expect(screen.text.contains("Read-only: r records nothing here"))
        app.type("m")
        #expect(app.state.dialog == nil && app.state.status?.isError == true)
    }

    @Test func describeEditsTheDescriptionInPlace() throws {
        let app = try SampleApp(width: 120, height: 40)
        app.type("jD<C-u>Drawings of every trade<Enter>")
        #expect(app.state.selectedCluster?.description == "Drawings of every trade")
        #expect(app.state.status?.text.hasPrefix("Described") == true)
    }
}
