/// One data record of a CSV file.
public struct CSVRecord: Equatable, Sendable {
    /// Physical line (1-based) on which the record starts; the header is on line 1.
    public var line: Int
    public var fields: [String]
}

/// A parsed CSV file: the header and the records, each with the same number of fields.
public struct CSVTable: Equatable, Sendable {
    public var header: [String]
    public var records: [CSVRecord]

    public func column(named name: String) -> Int? { header.firstIndex(of: name) }
}

/// Why a CSV file cannot be read; every case knows the line it is about.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case invalidUTF8(line: Int)
    case unterminatedQuote(line: Int)
    case characterAfterClosingQuote(line: Int)
    case fieldCount(line: Int, expected: Int, found: Int)
    case duplicateColumn(name: String)

    public var line: Int {
        switch self {
        case .empty, .duplicateColumn: 1
        case .invalidUTF8(let line), .unterminatedQuote(let line), .characterAfterClosingQuote(let line),
             .fieldCount(let line, _, _):
            line
        }
    }

    public var description: String {
        switch self {
        case .empty:
            "the file is empty (expected a header line)"
        case .invalidUTF8:
            "invalid UTF-8 (save the file as UTF-8)"
        case .unterminatedQuote:
            "unbalanced quote: the quoted field that starts here never ends (truncated file?)"
        case .characterAfterClosingQuote:
            "unexpected character after a closing quote (a quote inside a quoted field must be doubled: \"\")"
        case .fieldCount(_, let expected, let found):
            "\(found) field\(found == 1 ? "" : "s") where the header has \(expected)"
                + (found < expected ? " (truncated line?)" : " (unquoted separator?)")
        case .duplicateColumn(let name):
            "the header names column '\(name)' twice"
        }
    }
}

/// An RFC 4180 reader: fields separated by a delimiter, optionally enclosed in double quotes
/// (a quote inside is doubled), records ending in LF, CRLF or CR, quoted fields may span lines.
/// A UTF-8 byte order mark is skipped, blank lines are ignored, and a quote inside an unquoted
/// field is kept as a character (as Python's csv module does).
public enum CSVParser {
    public static func parse(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) throws(CSVError) -> CSVTable {
        try validateUTF8(bytes)
        var records = try records(bytes, delimiter: delimiter)
        guard !records.isEmpty else { throw .empty }
        let headerRecord = records.removeFirst()
        var header: [String] = []
        var seen: Set<String> = []
        for (i, raw) in headerRecord.fields.enumerated() {
            let trimmed = raw.trimmingWhitespace()
            let name = trimmed.isEmpty ? "column_\(i + 1)" : trimmed
            guard seen.insert(name).inserted else { throw .duplicateColumn(name: name) }
            header.append(name)
        }
        for r in records where r.fields.count != header.count {
            throw .fieldCount(line: r.line, expected: header.count, found: r.fields.count)
        }
        return CSVTable(header: header, records: records)
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    static func records(_ bytes: [UInt8], delimiter: UInt8) throws(CSVError) -> [CSVRecord] {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var out: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var state = State.fieldStart
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                out.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
        }

        while i < bytes.count {
            let b = bytes[i]
            i += 1
            switch state {
            case .fieldStart, .unquoted, .quoteInQuoted:
                if b == delimiter {
                    endField()
                    state = .fieldStart
                } else if b == lf || b == cr {
                    if b == cr && i < bytes.count && bytes[i] == lf { i += 1 }
                    endRecord()
                    line += 1
                    recordLine = line
                    state = .fieldStart
                } else if state == .quoteInQuoted {
                    guard b == quote else { throw .characterAfterClosingQuote(line: line) }
                    field.append(quote)
                    state = .quoted
                } else if state == .fieldStart && b == quote {
                    quoteLine = line
                    state = .quoted
                } else {
                    field.append(b)
                    state = .unquoted
                }
            case .quoted:
                if b == quote {
                    state = .quoteInQuoted
                } else {
                    if b == lf || (b == cr && (i == bytes.count || bytes[i] != lf)) { line += 1 }
                    field.append(b)
                }
            }
        }
        if state == .quoted { throw .unterminatedQuote(line: quoteLine) }
        if state != .fieldStart || !fields.isEmpty { endRecord() }
        return out
    }

    /// Fast check of the whole file; on failure, a second pass finds the line of the first bad byte.
    static func validateUTF8(_ bytes: [UInt8]) throws(CSVError) {
        if String(validating: bytes, as: UTF8.self) != nil { return }
        var line = 1
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput: return
            case .error: throw .invalidUTF8(line: line)
            }
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
