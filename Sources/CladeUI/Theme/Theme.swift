/// The characters used to draw frames, trees, bars and sparklines.
public struct Glyphs: Equatable, Sendable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    public var teeLeft, teeRight: String
    public var expanded, collapsed, leaf: String
    public var cursor: String
    public var mark: String
    public var ellipsis: String
    public var segmentSeparator: String
    /// Eight levels, lowest first, for sparklines.
    public var sparks: [String]
    /// Eighths of a cell, for horizontal bars (index 8 is a full cell).
    public var barEighths: [String]
    public var thumbUp, thumbDown, unrated: String
    public var reviewed: String
    public var sampled: String
    public var scrollThumb: String
    public var ascending, descending, arrow: String
    /// Five shades, empty to full, for the matrix's cells.
    public var shades: [String]
    /// Line charts are drawn in braille dots (2×4 per cell); without, one `plotPoint` per cell.
    public var braille: Bool
    public var plotPoint: String
    /// A dotted rule for thresholds on charts.
    public var dottedRule: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤", expanded: "▾", collapsed: "▸", leaf: " ", cursor: "›", mark: "•",
        ellipsis: "…", segmentSeparator: "·",
        sparks: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        barEighths: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        thumbUp: "+1", thumbDown: "-1", unrated: "·", reviewed: "✓", sampled: "≈", scrollThumb: "┃", ascending: "↑", descending: "↓", arrow: "→",
        shades: [" ", "░", "▒", "▓", "█"], braille: true, plotPoint: "•", dottedRule: "┄"
    )

    /// For the Linux console (`TERM=linux`): its font holds the PC character set (lines, full
    /// and half blocks, shades) but no braille, no eighth blocks and few arrows.
    public static let console: Glyphs = {
        var g = Glyphs.unicode
        g.expanded = "▼"
        g.collapsed = "►"
        g.cursor = ">"
        g.ellipsis = "»"
        g.sparks = ["_", "_", "░", "░", "▒", "▒", "▓", "█"]
        g.barEighths = [" ", " ", " ", "▌", "▌", "▌", "▌", "█", "█"]
        g.reviewed = "√"
        g.scrollThumb = "█"
        g.shades = [" ", "░", "▒", "▓", "█"]
        g.braille = false
        g.dottedRule = "─"
        return g
    }()

    /// For `TERM=dumb`, non-UTF-8 locales and terminals without line drawing.
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+", expanded: "v", collapsed: ">", leaf: " ", cursor: ">", mark: "*",
        ellipsis: ">", segmentSeparator: ".",
        sparks: ["_", ".", ".", "-", "-", "=", "#", "#"],
        barEighths: [" ", " ", " ", " ", "#", "#", "#", "#", "#"],
        thumbUp: "+1", thumbDown: "-1", unrated: ".", reviewed: "v", sampled: "~", scrollThumb: "#", ascending: "^", descending: "v", arrow: "->",
        shades: [" ", ".", ":", "+", "#"], braille: false, plotPoint: "*", dottedRule: "-"
    )
}

/// Terminal colours by their ANSI number; `nil` is the terminal's default, so light and dark
/// projector themes both read well.
public enum TermColor: Int16, Sendable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How one `Style` is drawn.
public struct Appearance: Equatable, Sendable {
    public var foreground: TermColor?
    public var background: TermColor?
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false

    public init(foreground: TermColor? = nil, background: TermColor? = nil, bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }
}

public struct Theme: Equatable, Sendable {
    public var name: String
    public var glyphs: Glyphs
    /// No colour at all: meaning is carried by attributes and glyphs (NO_COLOR, monochrome terminals).
    public var monochrome: Bool
    /// For projectors and low vision: nothing dim, frames and headings bold, selection and
    /// warnings in strong reverse video.
    public var highContrast: Bool

    public init(name: String, glyphs: Glyphs, monochrome: Bool, highContrast: Bool = false) {
        self.name = name
        self.glyphs = glyphs
        self.monochrome = monochrome
        self.highContrast = highContrast
    }

    public static let standard = Theme(name: "default", glyphs: .unicode, monochrome: false)
    public static let mono = Theme(name: "mono", glyphs: .unicode, monochrome: true)
    public static let ascii = Theme(name: "ascii", glyphs: .ascii, monochrome: true)

    /// Picks the theme for what the terminal and the environment allow.
    public static func detect(color: Bool, unicode: Bool) -> Theme {
        Theme(name: color ? "default" : "mono", glyphs: unicode ? .unicode : .ascii, monochrome: !color)
    }

    /// The theme as a terminal type can show it: the Linux console gets glyphs its font has.
    public func forTerminal(_ term: String?) -> Theme {
        guard let term, term == "linux" || term.hasPrefix("linux-"), glyphs == .unicode else { return self }
        var t = self
        t.glyphs = .console
        return t
    }

    /// The same theme with the high-contrast variant on or off.
    public func withHighContrast(_ on: Bool) -> Theme {
        var t = self
        t.highContrast = on
        let suffix = "+high-contrast"
        let base = name.hasSuffix(suffix) ? String(name.dropLast(suffix.count)) : name
        t.name = on ? base + suffix : base
        return t
    }

    /// True when only ASCII may reach the terminal (TERM=dumb, a non-UTF-8 locale).
    public var asciiOnly: Bool { glyphs.vertical == Glyphs.ascii.vertical }

    public func appearance(_ style: Style) -> Appearance {
        switch (monochrome, highContrast) {
        case (false, false): Self.colorAppearance(style)
        case (true, false): Self.monoAppearance(style)
        case (false, true): Self.highContrastAppearance(style)
        case (true, true): Self.highContrastMonoAppearance(style)
        }
    }

    /// Colours only where they add to strong attributes; the terminal's own foreground and
    /// background elsewhere, so light and dark projectors both work.
    static func highContrastAppearance(_ style: Style) -> Appearance {
        switch style {
        case .normal, .overlay, .dim: Appearance()
        case .bold, .title, .border, .accent, .keyHint: Appearance(bold: true)
        case .borderFocused, .overlayTitle: Appearance(bold: true, reverse: true)
        case .columnHeader, .input: Appearance(bold: true, underline: true)
        case .selected, .status: Appearance(bold: true, reverse: true)
        case .selectedInactive: Appearance(bold: true, underline: true)
        case .marked: Appearance(foreground: .magenta, bold: true, underline: true)
        case .match, .banner: Appearance(foreground: .black, background: .yellow, bold: true)
        case .good: Appearance(foreground: .green, bold: true)
        case .bad, .warn: Appearance(foreground: .red, bold: true)
        case .danger, .statusError: Appearance(foreground: .white, background: .red, bold: true)
        }
    }

    static func highContrastMonoAppearance(_ style: Style) -> Appearance {
        switch style {
        case .normal, .overlay, .dim, .good: Appearance()
        case .bold, .title, .border, .accent, .keyHint, .warn, .bad: Appearance(bold: true)
        case .columnHeader, .input, .marked, .selectedInactive: Appearance(bold: true, underline: true)
        case .borderFocused, .overlayTitle, .selected, .status, .match, .banner, .danger, .statusError: Appearance(bold: true, reverse: true)
        }
    }

    static func colorAppearance(_ style: Style) -> Appearance {
        switch style {
        case .normal: Appearance()
        case .dim: Appearance(dim: true)
        case .bold: Appearance(bold: true)
        case .title: Appearance(foreground: .cyan, bold: true)
        case .border: Appearance(dim: true)
        case .borderFocused: Appearance(foreground: .cyan, bold: true)
        case .columnHeader: Appearance(bold: true, underline: true)
        case .selected: Appearance(foreground: .black, background: .cyan, bold: true)
        case .selectedInactive: Appearance(reverse: true)
        case .marked: Appearance(foreground: .magenta, bold: true)
        case .match: Appearance(foreground: .black, background: .yellow)
        case .accent: Appearance(foreground: .cyan)
        case .good: Appearance(foreground: .green)
        case .bad: Appearance(foreground: .red)
        case .warn: Appearance(foreground: .yellow)
        case .danger: Appearance(foreground: .red, bold: true)
        case .keyHint: Appearance(foreground: .cyan, bold: true)
        case .status: Appearance(reverse: true)
        case .statusError: Appearance(foreground: .white, background: .red, bold: true)
        case .overlay: Appearance()
        case .overlayTitle: Appearance(foreground: .cyan, bold: true, reverse: false)
        case .input: Appearance(bold: true, underline: true)
        case .banner: Appearance(foreground: .black, background: .yellow, bold: true)
        }
    }

    static func monoAppearance(_ style: Style) -> Appearance {
        switch style {
        case .normal, .overlay, .border, .accent, .good: Appearance()
        case .dim: Appearance(dim: true)
        case .bold, .title, .borderFocused, .overlayTitle, .keyHint, .marked, .warn, .bad: Appearance(bold: true)
        case .columnHeader, .input: Appearance(bold: true, underline: true)
        case .selected, .status, .match, .banner: Appearance(reverse: true)
        case .selectedInactive: Appearance(underline: true)
        case .danger, .statusError: Appearance(bold: true, reverse: true)
        }
    }
}
