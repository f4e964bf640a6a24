/// A cursor and scroll offset over a list of `count` rows shown `height` rows at a time.
public struct ListCursor: Equatable, Sendable {
    public var index: Int
    public var scroll: Int

    public init(index: Int = 0, scroll: Int = 0) {
        self.index = index
        self.scroll = scroll
    }

    /// Clamps the cursor to the list and scrolls just enough to keep it visible.
    public mutating func clamp(count: Int, height: Int) {
        index = count == 0 ? 0 : min(max(index, 0), count - 1)
        let h = max(1, height)
        if index < scroll { scroll = index }
        if index >= scroll + h { scroll = index - h + 1 }
        scroll = max(0, min(scroll, max(0, count - h)))
    }

    public mutating func move(by delta: Int, count: Int, height: Int) {
        index += delta
        clamp(count: count, height: height)
    }

    public mutating func moveTo(_ i: Int, count: Int, height: Int) {
        index = i
        clamp(count: count, height: height)
    }
}
