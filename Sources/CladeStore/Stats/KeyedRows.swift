import GRDB

/// Rows of (question_id, an integer id) in question_id order, read alongside the questions in a
/// merge join.
struct KeyedRows {
    private let rows: RawRows
    /// One row per question at most (a primary key).
    private let unique: Bool
    private(set) var key: Int64 = 0
    private(set) var id: Int64 = 0
    private(set) var done = false
    /// False once a NULL or non-integer value, or a repeated question_id where it should be
    /// unique, was read: the pass stops and the SQL takes over.
    private(set) var plain = true
    private var started = false
    /// Read in rowid order: every key must be in this range and none below the one before
    /// (else `RunScan.OutOfOrder`); nil when read ORDER BY question_id.
    private let expected: RunScan.IDRange?

    init(_ rows: RawRows, unique: Bool, expected: RunScan.IDRange? = nil) throws {
        self.rows = rows
        self.unique = unique
        self.expected = expected
        try advance()
    }

    mutating func advance() throws {
        guard try rows.next() else {
            done = true
            return
        }
        let (question, other) = (rows[0], rows[1])
        guard question.storage == .integer, other.storage == .integer, !(unique && started && question.int64 == key) else {
            plain = false
            done = true
            return
        }
        let next = question.int64
        if let expected {
            guard !(started && next < key), expected.from.map({ next >= $0 }) ?? true, expected.below.map({ next < $0 }) ?? true else {
                throw RunScan.OutOfOrder()
            }
        }
        started = true
        key = next
        id = other.int64
    }

    /// Moves past the rows of questions before `question` (of another run, or of none).
    mutating func skip(below question: Int64) throws {
        while !done && key < question { try advance() }
    }

    /// The id on `question`'s row, if it has one (unique rows).
    mutating func take(_ question: Int64) throws -> Int64? {
        try skip(below: question)
        guard !done, key == question else { return nil }
        let found = id
        try advance()
        return found
    }

    /// The ids on `question`'s rows.
    mutating func take(_ question: Int64, into ids: inout [Int64]) throws {
        if !ids.isEmpty { ids.removeAll(keepingCapacity: true) }
        try skip(below: question)
        while !done && key == question {
            // The same tag twice (a pipeline's DDL without a key): the SQL reports it.
            if !unique, ids.contains(id) { plain = false }
            ids.append(id)
            try advance()
        }
    }

    /// Reads the remaining rows, checking their values.
    mutating func drain() throws {
        while !done { try advance() }
    }
}
