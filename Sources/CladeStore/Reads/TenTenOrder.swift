import CladeCore
import GRDB

/// The "10-10" order (up to 10 thumbs-down, then up to 10 thumbs-up, newest first, then the
/// rest newest first) from one read of the members' keys. In SQL it takes the members three
/// times and sorts them all; here one pass keeps the 10 + 10 and only as many of the rest as
/// the page needs: about three times quicker on a parent of 100,000 questions, which is what
/// the first screen shows.
enum TenTenOrder {
    struct Key {
        var id: QuestionID
        /// asked_at's UTF-8 bytes (SQLite compares text as bytes, BINARY); nil is NULL.
        var askedAt: [UInt8]?

        /// Newest first, then the higher id; NULL dates last, as `ORDER BY asked_at DESC` puts them.
        static func precedes(_ a: Key, _ b: Key) -> Bool {
            guard let bytes = a.askedAt else { return precedes(id: a.id, askedAt: nil, b) }
            return bytes.withUnsafeBufferPointer { precedes(id: a.id, askedAt: $0, b) }
        }

        /// Whether a row not yet copied out of SQLite comes before `key`.
        static func precedes(id: QuestionID, askedAt: UnsafeBufferPointer<UInt8>?, _ key: Key) -> Bool {
            switch (askedAt, key.askedAt) {
            case let (x?, y?):
                let order = y.withUnsafeBufferPointer { BinaryText.compare(x, $0) }
                return order != 0 ? order > 0 : id > key.id
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return id > key.id
            }
        }
    }

    /// The page's question ids in order; nil when a date is not text (numbers and blobs sort
    /// apart in SQLite: the SQL order then decides). Reads SQLite's values in place: a row that
    /// cannot make the page is never copied.
    static func page(_ db: Database, _ query: QuestionQuery, clade: Bool) throws -> [QuestionID]? {
        let (members, arguments) = QuestionReads.members(query, clade: clade)
        let needed = query.offset + query.limit
        var down = Best(count: 10), up = Best(count: 10), rest = Best(count: needed)
        var outranked: [Key] = []  // thumbs pushed out of a top 10: they join the rest
        let rows = try RawRows(db, sql: "SELECT question_id, asked_at, feedback FROM (\(members))", arguments: StatementArguments(arguments))
        while try rows.next() {
            let id = rows[0].int64
            let asked = rows[1]
            let text: UnsafeBufferPointer<UInt8>?
            switch asked.storage {
            case .null: text = nil
            case .text: text = asked.text
            default: return nil
            }
            // As SQL's `feedback = -1`: only a number equals a number.
            let feedback = rows[2]
            let thumbs = feedback.storage.isNumber ? feedback.double : 0
            func key() -> Key { Key(id: id, askedAt: text.map(Array.init)) }
            func offerToRest() { if !rest.wouldDrop(id: id, askedAt: text) { _ = rest.insert(key()) } }
            if thumbs == -1 {
                if down.wouldDrop(id: id, askedAt: text) { offerToRest() } else if let out = down.insert(key()) { outranked.append(out) }
            } else if thumbs == 1 {
                if up.wouldDrop(id: id, askedAt: text) { offerToRest() } else if let out = up.insert(key()) { outranked.append(out) }
            } else {
                offerToRest()
            }
        }
        for key in outranked { _ = rest.insert(key) }
        let ordered = down.sorted + up.sorted + rest.sorted
        guard query.offset < ordered.count else { return [] }
        return ordered[query.offset..<min(ordered.count, needed)].map(\.id)
    }

    /// The first `count` keys in order, whatever order they come in: a heap whose root is the
    /// last one kept, so each key costs O(log count) (chronological ids, the usual case, would
    /// make a sorted array shift on every insert).
    struct Best {
        let count: Int
        private var heap: [Key] = []

        init(count: Int) { self.count = count }

        var sorted: [Key] { heap.sorted(by: Key.precedes) }

        /// Whether a row would not make the first `count` (so it need not be copied).
        func wouldDrop(id: QuestionID, askedAt: UnsafeBufferPointer<UInt8>?) -> Bool {
            guard count > 0 else { return true }
            return heap.count == count && !Key.precedes(id: id, askedAt: askedAt, heap[0])
        }

        /// Adds a key; returns the one that fell out of the first `count`, if any.
        mutating func insert(_ key: Key) -> Key? {
            guard count > 0 else { return key }
            if heap.count < count {
                heap.append(key)
                siftUp(heap.count - 1)
                return nil
            }
            guard Key.precedes(key, heap[0]) else { return key }
            let out = heap[0]
            heap[0] = key
            siftDown(0)
            return out
        }

        /// `a` sits above `b` when it comes later in the order.
        private func above(_ a: Int, _ b: Int) -> Bool { Key.precedes(heap[b], heap[a]) }

        private mutating func siftUp(_ i: Int) {
            var child = i
            while child > 0 {
                let parent = (child - 1) / 2
                guard above(child, parent) else { return }
                heap.swapAt(child, parent)
                child = parent
            }
        }

        private mutating func siftDown(_ i: Int) {
            var parent = i
            while true {
                let left = 2 * parent + 1, right = left + 1
                var top = parent
                if left < heap.count, above(left, top) { top = left }
                if right < heap.count, above(right, top) { top = right }
                guard top != parent else { return }
                heap.swapAt(parent, top)
                parent = top
            }
        }
    }
}
