/// A table's column layout: one flexible column (the name or text) and fixed ones that are
/// dropped, least important first, when the pane is too narrow.
struct Columns {
    struct Column {
        var title: String
        var width: Int
        var alignRight: Bool
        /// Lower is dropped first.
        var importance: Int
        var flexible: Bool = false
        var minWidth: Int = 0
    }

    /// The columns kept, each with its x offset and final width.
    struct Placed {
        var column: Column
        var index: Int
        var x: Int
        var width: Int
    }

    static func place(_ columns: [Column], width: Int, gap: Int = 1) -> [Placed] {
        var kept = Array(columns.enumerated())
        func total() -> Int {
            kept.reduce(0) { $0 + ($1.element.flexible ? $1.element.minWidth : $1.element.width) } + gap * max(0, kept.count - 1)
        }
        while total() > width, let drop = kept.filter({ !$0.element.flexible }).min(by: { $0.element.importance < $1.element.importance }) {
            kept.removeAll { $0.offset == drop.offset }
        }
        let fixed = kept.reduce(0) { $0 + ($1.element.flexible ? 0 : $1.element.width) } + gap * max(0, kept.count - 1)
        let flexWidth = max(0, width - fixed)
        var x = 0
        var out: [Placed] = []
        for (i, c) in kept {
            let w = c.flexible ? flexWidth : c.width
            out.append(Placed(column: c, index: i, x: x, width: w))
            x += w + gap
        }
        return out
    }
}
