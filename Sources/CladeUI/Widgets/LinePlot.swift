/// A line chart on a dot canvas: braille cells of 2×4 dots where the glyphs allow, else one
/// plot character per cell. `y` runs from 0 at the bottom to 1 at the top.
public struct LinePlot {
    public let width: Int
    public let height: Int
    let braille: Bool
    var dots: Set<Int> = []

    public init(width: Int, height: Int, glyphs: Glyphs) {
        self.width = max(0, width)
        self.height = max(0, height)
        braille = glyphs.braille
    }

    /// Dots across and down.
    public var dotWidth: Int { width * (braille ? 2 : 1) }
    public var dotHeight: Int { height * (braille ? 4 : 1) }

    /// The dot column at the centre of character column `column`.
    public func dotX(column: Double) -> Int { Int((column * Double(braille ? 2 : 1)).rounded(.down)) }

    /// The dot row for a value from 0 (bottom) to 1 (top).
    public func dotY(_ value: Double) -> Int {
        let v = min(1, max(0, value))
        return Int(((1 - v) * Double(dotHeight - 1)).rounded())
    }

    public mutating func set(_ x: Int, _ y: Int) {
        guard x >= 0, x < dotWidth, y >= 0, y < dotHeight else { return }
        dots.insert(y * dotWidth + x)
    }

    /// A straight line between two dots (Bresenham).
    public mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int)) {
        var x = a.x, y = a.y
        let dx = abs(b.x - a.x), dy = -abs(b.y - a.y)
        let sx = a.x < b.x ? 1 : -1, sy = a.y < b.y ? 1 : -1
        var err = dx + dy
        while true {
            set(x, y)
            if x == b.x && y == b.y { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// The character row holding a value, for a rule drawn beside the line.
    public func cellRow(_ value: Double) -> Int { dotY(value) / (braille ? 4 : 1) }

    /// The canvas's rows, top first.
    public func rows(plotPoint: String) -> [String] {
        (0..<height).map { row in
            (0..<width).map { col -> String in
                guard braille else { return dots.contains(row * dotWidth + col) ? plotPoint : " " }
                var bits = 0
                let map: [(Int, Int, Int)] = [(0, 0, 0x01), (0, 1, 0x02), (0, 2, 0x04), (1, 0, 0x08), (1, 1, 0x10), (1, 2, 0x20), (0, 3, 0x40), (1, 3, 0x80)]
                for (dx, dy, bit) in map where dots.contains((row * 4 + dy) * dotWidth + col * 2 + dx) { bits |= bit }
                return bits == 0 ? " " : String(Character(Unicode.Scalar(0x2800 + bits)!))
            }.joined()
        }
    }
}
