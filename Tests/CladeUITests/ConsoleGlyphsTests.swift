import CladeCore
@testable import CladeUI
import Testing

/// The Linux console's font has no braille and no eighth blocks: a screen drawn for it uses
/// neither. ASCII screens tell "≈" (sampled) from "…" (cut).
@Suite struct ConsoleGlyphsTests {
    /// Braille, and eighth blocks other than the full and the left half (which the console has).
    static func unshowable(_ s: Screen) -> String {
        String(String.UnicodeScalarView(s.text.unicodeScalars.filter {
            (0x2800...0x28FF).contains($0.value) || ((0x2581...0x258F).contains($0.value) && $0.value != 0x2588 && $0.value != 0x258C)
        }))
    }

    static func hasUnshowable(_ s: Screen) -> Bool { !unshowable(s).isEmpty }

    @Test func theLinuxConsoleGetsNoBrailleNorPartialBlocks() throws {
        let theme = Theme.detect(color: true, unicode: true).forTerminal("linux")
        #expect(theme.glyphs == .console && !theme.glyphs.braille)
        #expect(Theme.detect(color: true, unicode: true).forTerminal("xterm-256color").glyphs == .unicode)
        let app = try SampleApp(width: 120, height: 40, theme: theme)
        #expect(Self.unshowable(app.type("j")) == "")
        #expect(Self.unshowable(app.type("6")) == "")  // charts: histogram and weekly plot
        let unicode = try SampleApp(width: 120, height: 40)
        #expect(Self.hasUnshowable(unicode.type("j6")))
    }

    @Test func asciiTellsSampledFromCut() {
        #expect(Glyphs.ascii.sampled != Glyphs.ascii.ellipsis)
        var screen = Screen(size: Size(width: 12, height: 1))
        screen.put("2,422≈ Comparison across", x: 0, y: 0, maxWidth: 12)
        screen.transliterateToASCII()
        #expect(screen.text.hasPrefix("2,422~ Comp>"))
    }
}

/// At 200×60 the capability names are not cut while the cluster names have room to spare.
@Suite struct WideLayoutTests {
    @Test func capabilityNamesGetRoomOnAWideTerminal() throws {
        let app = try SampleApp(width: 200, height: 60)
        let screen = app.type("j").text
        #expect(screen.contains("Comparison across projects"))
        #expect(LayoutMetrics(width: 120, height: 40).capabilitiesWidth == 42)
    }
}
