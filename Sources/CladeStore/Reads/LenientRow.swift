import Foundation
import GRDB

/// Reading a pipeline's values however SQLite stored them. SQLite does not enforce column types,
/// so a pipeline may write a cluster name as an integer (a BERTopic topic number), a threshold in
/// `meta` as a REAL, a date as Unix seconds, text as bytes. GRDB's typed subscripts trap on such
/// a value; these never do. Identifiers are checked to be integers when the file is opened
/// (`DataCheck`), so they are read as usual.
extension Row {
    private func value(_ column: String) -> DatabaseValue { (self[column] as DatabaseValue?) ?? .null }

    /// Text: digits for a number, UTF-8 (repaired) for bytes, a NUL inside shown as U+2400 (␀);
    /// nil for NULL. A text column read whole is selected with `Row.wholeText`.
    func text(_ column: String) -> String? {
        switch value(column).storage {
        case .null: nil
        case .string(let s): s
        case .int64(let i): String(i)
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .blob(let data): String(decoding: Row.droppingCutCharacter(data), as: UTF8.self).replacingOccurrences(of: "\u{0}", with: Row.visibleNUL)
        }
    }

    /// What a NUL inside a text is shown and exported as.
    static let visibleNUL = "\u{2400}"

    /// SQL selecting a text column as its bytes, aliased to its name: GRDB reads a TEXT value only
    /// up to its first NUL, so a name `"Inv\0oices"` would show as "Inv". `text` reads the bytes
    /// whole and shows the NUL. Numbers and NULL are selected as they are.
    static func wholeText(_ column: String, as alias: String? = nil) -> String {
        "CASE WHEN typeof(\(column)) = 'text' THEN CAST(\(column) AS BLOB) ELSE \(column) END AS \(alias ?? column)"
    }

    /// `wholeText` of at most the first `bytes` of a column (SQLite's `substr` of a TEXT stops at
    /// a NUL, so the bytes are cut instead: never more characters than bytes; `text` drops a
    /// character cut short).
    static func wholeTextPrefix(_ column: String, bytes: Int, as alias: String) -> String {
        "CASE WHEN typeof(\(column)) = 'text' THEN substr(CAST(\(column) AS BLOB), 1, \(bytes)) ELSE substr(\(column), 1, \(bytes)) END AS \(alias)"
    }

    /// The bytes without a last UTF-8 sequence cut short (by `wholeTextPrefix`).
    static func droppingCutCharacter(_ data: Data) -> Data {
        guard let lead = data.lastIndex(where: { $0 & 0xC0 != 0x80 }) else { return data }
        let byte = data[lead]
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        return data.distance(from: lead, to: data.endIndex) < length ? data[..<lead] : data
    }

    /// A number; nil for NULL and for what does not read as one.
    func real(_ column: String) -> Double? {
        switch value(column).storage {
        case .int64(let i): Double(i)
        case .double(let d): d
        case .string(let s): Double(s.trimmingCharacters(in: .whitespaces))
        case .null, .blob: nil
        }
    }

    /// An integer; nil for NULL and for what does not read as one.
    func integer(_ column: String) -> Int64? {
        switch value(column).storage {
        case .int64(let i): i
        case .double(let d): d.isFinite && abs(d) < 9e18 ? Int64(d) : nil
        case .string(let s): Int64(s.trimmingCharacters(in: .whitespaces))
        case .null, .blob: nil
        }
    }

    /// Bytes: a BLOB, or a text's UTF-8; nil for NULL and numbers.
    func blob(_ column: String) -> Data? {
        switch value(column).storage {
        case .blob(let data): data
        case .string(let s): Data(s.utf8)
        case .null, .int64, .double: nil
        }
    }
}
