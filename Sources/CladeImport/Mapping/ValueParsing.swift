import Foundation

/// Parsing of the scalar question fields shared by all importers.
enum ValueParsing {
    /// An ISO 8601 date or date-time as Clade stores it, from ISO 8601 (with "T" or a space,
    /// optional seconds, fraction and zone), `YYYY/MM/DD`, or Unix seconds / milliseconds.
    /// nil when the text is none of these.
    static func timestamp(_ raw: String) -> String? {
        let s = raw.trimmingWhitespace()
        if s.count >= 9, s.count <= 13, s.allSatisfy(\.isASCIIDigit), let n = Double(s) {
            let seconds = s.count == 13 ? n / 1000 : n
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.string(from: Date(timeIntervalSince1970: seconds))
        }
        let chars = Array(s)
        guard chars.count >= 10 else { return nil }
        let separator = chars[4]
        guard separator == "-" || separator == "/", chars[7] == separator,
              chars[0..<4].allSatisfy(\.isASCIIDigit), chars[5..<7].allSatisfy(\.isASCIIDigit), chars[8..<10].allSatisfy(\.isASCIIDigit),
              let month = Int(String(chars[5..<7])), (1...12).contains(month),
              let day = Int(String(chars[8..<10])), (1...31).contains(day)
        else { return nil }
        var out = String(chars[0..<4]) + "-" + String(chars[5..<7]) + "-" + String(chars[8..<10])
        guard chars.count > 10 else { return out }
        guard chars[10] == "T" || chars[10] == " ", chars.count >= 16,
              chars[11..<13].allSatisfy(\.isASCIIDigit), chars[13] == ":", chars[14..<16].allSatisfy(\.isASCIIDigit)
        else { return nil }
        let rest = chars[16...]
        guard rest.allSatisfy({ $0.isASCIIDigit || ":.,+-Z ".contains($0) }) else { return nil }
        out += "T" + String(chars[11...]).replacingOccurrences(of: " ", with: "")
        return out
    }

    /// The largest weight or relevance magnitude a diagnostics database may hold (`clade check`
    /// refuses larger ones: sums of them overflow every figure).
    static let largest = 1e15

    static func number(_ raw: String) -> Double? {
        let s = raw.trimmingWhitespace()
        guard let d = Double(s), d.isFinite else { return nil }
        return d
    }

    /// Capability tags: separated by ";" or "|", trimmed, empty tags dropped, first spelling kept.
    static func tags(_ raw: String) -> [String] {
        var seen: Set<String> = []
        return raw.split(whereSeparator: { $0 == ";" || $0 == "|" })
            .map { String($0).trimmingWhitespace() }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    static func isBlank(_ raw: String) -> Bool {
        let s = raw.trimmingWhitespace().lowercased()
        return s.isEmpty || s == "null" || s == "none" || s == "nan" || s == "na" || s == "n/a"
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
