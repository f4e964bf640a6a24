/// Curses colour pairs, allocated on first use, one per (foreground, background);
/// -1 is the terminal's default colour (after `use_default_colors`). Pair 0 is the
/// terminal's default pair and is what you get when the table is full.
struct ColorPairTable {
    struct Colors: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// How many pairs curses offers (`COLOR_PAIRS`).
    let capacity: Int
    private var pairs: [Colors: Int16] = [:]
    private var next: Int16 = 1

    init(capacity: Int) { self.capacity = capacity }

    /// The pair for these colours, calling `initPair(pair, fg, bg)` the first time they appear.
    mutating func pair(for colors: Colors, initPair: (Int16, Int16, Int16) -> Bool) -> Int16 {
        if colors == Colors(foreground: -1, background: -1) { return 0 }
        if let known = pairs[colors] { return known }
        guard Int(next) < capacity, next < Int16.max, initPair(next, colors.foreground, colors.background) else {
            return 0
        }
        pairs[colors] = next
        next += 1
        return pairs[colors]!
    }

    var allocated: Int { pairs.count }
}
