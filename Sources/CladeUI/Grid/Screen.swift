/// A terminal-sized grid of cells: what `render` produces and a backend presents.
///
/// A cell holds one grapheme. A grapheme two columns wide occupies its cell and marks the
/// next one as a continuation (empty text), as ratatui's buffer does, so diffing and
/// drawing never split it.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .normal) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { text.isEmpty }
}

public struct Size: Equatable, Hashable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }
}

public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public func inset(by n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
}

public struct Point: Equatable, Hashable, Sendable {
    public var x: Int, y: Int
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

public struct Screen: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should stand (for text input), if visible.
    public var cursor: Point?

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    public func row(_ y: Int) -> ArraySlice<Cell> { cells[(y * size.width)..<((y + 1) * size.width)] }

    /// Writes `text` at (x, y), clipped to `maxWidth` columns (and the screen), ending with `…`
    /// when it does not fit. Control characters are shown escaped, never sent to the terminal.
    /// Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .normal, ellipsis: String = "…") -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let limit = min(maxWidth ?? (size.width - x), size.width - x)
        guard limit > 0 else { return 0 }
        let graphemes = TextWidth.displayGraphemes(text)
        let total = graphemes.reduce(0) { $0 + $1.width }
        let fits = total <= limit
        let budget = fits ? limit : max(0, limit - TextWidth.width(of: ellipsis))
        var col = x
        for g in graphemes {
            if col + g.width > x + budget { break }
            if col >= 0 { place(g.text, width: g.width, x: col, y: y, style: style) }
            col += g.width
        }
        if !fits, limit > 0 {
            for g in TextWidth.displayGraphemes(ellipsis) where col + g.width <= x + limit {
                place(g.text, width: g.width, x: col, y: y, style: style)
                col += g.width
            }
        }
        return col - x
    }

    private mutating func place(_ text: String, width: Int, x: Int, y: Int, style: Style) {
        guard x >= 0, x < size.width else { return }
        // Overwriting half of a wide grapheme blanks the other half.
        if self[x, y].isContinuation, x > 0 { self[x - 1, y] = Cell(" ", style: self[x - 1, y].style) }
        if width == 2 {
            guard x + 1 < size.width else { self[x, y] = Cell(" ", style: style); return }
            if x + 2 < size.width, self[x + 2, y].isContinuation { self[x + 2, y] = Cell(" ", style: self[x + 2, y].style) }
            self[x, y] = Cell(text, style: style)
            self[x + 1, y] = Cell("", style: style)
        } else {
            if x + 1 < size.width, self[x + 1, y].isContinuation { self[x + 1, y] = Cell(" ", style: self[x + 1, y].style) }
            self[x, y] = Cell(text, style: style)
        }
    }

    /// Fills a rectangle with blanks of a style.
    public mutating func fill(_ rect: Rect, style: Style = .normal, with text: String = " ") {
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            for x in max(0, rect.x)..<min(size.width, rect.maxX) { self[x, y] = Cell(text, style: style) }
        }
    }

    /// Changes the style of the cells in a rectangle, keeping their text.
    public mutating func restyle(_ rect: Rect, style: Style) {
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            for x in max(0, rect.x)..<min(size.width, rect.maxX) { self[x, y].style = style }
        }
    }

    /// The screen as plain text, one line per row, trailing spaces kept (so widths are visible).
    public var text: String {
        (0..<size.height).map { y in row(y).map(\.text).joined() }.joined(separator: "\n")
    }

    /// One style letter per column (`Style.code`); a continuation cell repeats its grapheme's code.
    public var styleText: String {
        (0..<size.height).map { y in String(row(y).map(\.style.code)) }.joined(separator: "\n")
    }

    public static func == (a: Screen, b: Screen) -> Bool {
        a.size == b.size && a.cells == b.cells && a.cursor == b.cursor
    }
}
