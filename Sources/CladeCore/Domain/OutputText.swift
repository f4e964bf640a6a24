/// The one place text leaves Clade for another program: a terminal, a spreadsheet, a Markdown or
/// HTML renderer, a JSON reader. Every output path (the `clade` commands' standard output and
/// error, the CSV export, the Markdown and HTML reports, the JSON export) goes through it, so a
/// hostile cluster name, note, title, reviewer or file name is inert wherever it lands:
///
/// - **controls**: C0 (except tab and line feed where a format keeps them), DEL, C1 (U+0080–U+009F,
///   the one-byte CSI among them) and the bidirectional overrides and isolates never reach a
///   terminal raw. A terminal line shows C0 as `^X` and DEL as `^?` as the screens do; documents
///   replace them with U+FFFD; JSON escapes them as `\uXXXX` (lossless).
/// - **CSV** follows OWASP's advice on formula injection: a cell starting with `=`, `+`, `-`, `@`,
///   a tab or a carriage return is prefixed with `'` (a plain number such as `-1` is left alone),
///   and every cell holding a separator, a quote or a line break is quoted.
/// - **Markdown** backslash-escapes every character CommonMark (and GitHub's extensions) would read
///   as markup, so no emphasis, link, image, code span, autolink, entity, HTML, table cell break,
///   heading or list can start in a name; line breaks become spaces; code spans take a fence
///   longer than any backtick run inside.
/// - **HTML** escapes `& < > " '` and writes bidirectional controls as character references.
public enum OutputText {
    /// U+202A–U+202E (embeddings, overrides), U+2066–U+2069 (isolates), U+200E/U+200F and U+061C
    /// (marks): they reorder what a terminal or an editor shows (CVE-2021-42574, "Trojan Source").
    public static func isBidiControl(_ v: UInt32) -> Bool {
        (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// A scalar no output may carry raw: C0 but tab and line feed, DEL, C1, bidirectional controls,
    /// and the line and paragraph separators (a JavaScript reader of the JSON breaks on them).
    public static func isUnsafe(_ v: UInt32) -> Bool {
        (v < 0x20 && v != 0x09 && v != 0x0A) || (v >= 0x7F && v <= 0x9F) || isBidiControl(v) || v == 0x2028 || v == 0x2029
    }

    /// Whether `s` holds a scalar `isUnsafe` holds (also a tab or a line feed when `breaks`): one
    /// pass over its UTF-8 bytes, so that a large export that needs nothing pays almost nothing.
    static func hasUnsafe(_ s: String, breaks: Bool = false) -> Bool {
        var s = s
        return s.withUTF8 { b in
            let n = b.count
            var i = 0
            while i < n {
                let c = b[i]
                if c < 0x20 {
                    if breaks || (c != 0x09 && c != 0x0A) { return true }
                } else if c == 0x7F {
                    return true
                } else if c == 0xC2, i + 1 < n, b[i + 1] >= 0x80, b[i + 1] <= 0x9F {
                    return true  // C1
                } else if c == 0xD8, i + 1 < n, b[i + 1] == 0x9C {
                    return true  // U+061C
                } else if c == 0xE2, i + 2 < n {
                    let c1 = b[i + 1], c2 = b[i + 2]
                    if c1 == 0x80, c2 == 0x8E || c2 == 0x8F || (c2 >= 0xA8 && c2 <= 0xAE) { return true }  // U+200E/F, U+2028–202E
                    if c1 == 0x81, c2 >= 0xA6, c2 <= 0xA9 { return true }  // U+2066–2069
                }
                i += 1
            }
            return false
        }
    }

    static func isPlain(_ s: String) -> Bool { !hasUnsafe(s, breaks: true) }

    // MARK: Terminal

    /// One line for a terminal: C0 as `^X` (ESC `^[`), DEL `^?`, C1 `�`, tabs and line breaks as
    /// spaces, bidirectional controls dropped.
    public static func terminalLine(_ s: String) -> String {
        if isPlain(s) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            if v == 0x09 || v == 0x0A || v == 0x0D || v == 0x2028 || v == 0x2029 { out.append(" ") }
            else if v < 0x20 { out.append("^"); out.append(Unicode.Scalar(UInt8(v + 0x40))) }
            else if v == 0x7F { out.append(contentsOf: "^?".unicodeScalars) }
            else if v >= 0x80 && v <= 0x9F { out.append("\u{FFFD}") }
            else if isBidiControl(v) { continue }
            else { out.append(u) }
        }
        return String(out)
    }

    /// A whole document bound for standard output (a report, a CSV table, a summary): line breaks
    /// and tabs kept, every other control replaced by U+FFFD, bidirectional controls dropped. The
    /// last guard: the format's own escaping has already run.
    public static func document(_ s: String) -> String {
        if !hasUnsafe(s) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if isBidiControl(u.value) { continue }
            out.append(isUnsafe(u.value) ? "\u{FFFD}" : u)
        }
        return String(out)
    }

    // MARK: CSV

    /// One RFC 4180 field, safe to open in a spreadsheet and to print.
    public static func csvField(_ raw: String) -> String {
        var s = document(raw)
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isNumber(s) { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `-1`, `+2.5`, `-3e5`: a number a spreadsheet reads as one and never as a formula.
    static func isNumber(_ s: String) -> Bool {
        guard s.count < 40, Double(s) != nil else { return false }
        return s.unicodeScalars.allSatisfy { "0123456789+-.eE".unicodeScalars.contains($0) }
    }

    // MARK: Markdown

    /// Characters that open or close an inline construct anywhere: code spans, emphasis, links and
    /// images, autolinks and raw HTML, entities, GFM tables, strikethrough, email autolinks and
    /// GitHub's math.
    static let markdownInline = Set("\\`*_[]<>&|~@!$".unicodeScalars)
    /// Characters that start a block (heading, list item, quote, setext underline) at a line's start.
    static let markdownBlockStart = Set("#-+=>*".unicodeScalars)

    /// Text for running Markdown (a paragraph, a heading, a list item or a table cell): every
    /// character CommonMark or GitHub would read as markup is backslash-escaped, so it renders as
    /// itself — inline markup anywhere; `#`, `-`, `+`, `=`, `>` and an ordered-list number's `.`
    /// or `)` at the start; the `:` of `http://` and the `.` of `www.` (GitHub's autolinks).
    /// Line breaks become spaces; figures such as `13.3%` stay as they are.
    public static func markdown(_ raw: String) -> String {
        let scalars = Array(terminalLine(raw).unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, u) in scalars.enumerated() {
            var escape = markdownInline.contains(u)
            if i == 0, markdownBlockStart.contains(u) { escape = true }
            if u == "." || u == ")", i > 0, i + 1 == scalars.count || scalars[i + 1] == " ", scalars[..<i].allSatisfy({ ("0"..."9").contains($0) }) {
                escape = true
            }
            if u == ":", i + 2 < scalars.count, scalars[i + 1] == "/", scalars[i + 2] == "/" { escape = true }
            if u == ".", i >= 3, String(String.UnicodeScalarView(scalars[(i - 3)..<i])).lowercased() == "www" { escape = true }
            if escape { out.append("\\") }
            out.append(u)
        }
        return String(out)
    }

    /// An inline code span holding `raw` verbatim (a file name): fenced by one backtick more than
    /// the longest run inside, padded when it starts or ends with one.
    public static func markdownCode(_ raw: String) -> String {
        let s = terminalLine(raw)
        var longest = 0, run = 0
        for c in s { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = s.hasPrefix("`") || s.hasSuffix("`") || s.hasPrefix(" ") && s.hasSuffix(" ") ? " " : ""
        return fence + pad + s + pad + fence
    }

    // MARK: HTML

    /// Text for HTML content or a quoted attribute.
    public static func html(_ raw: String) -> String {
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        for u in raw.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if isBidiControl(u.value) || u.value == 0x2028 || u.value == 0x2029 { out += "&#x\(String(u.value, radix: 16, uppercase: true));" }
                else if isUnsafe(u.value) { out += "\u{FFFD}" }
                else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    // MARK: JSON

    /// A JSON document with every scalar `isUnsafe` holds written as `\uXXXX`. Such scalars can only
    /// stand inside strings (JSON's structure is ASCII), so the value read back is unchanged.
    public static func json(_ encoded: String) -> String {
        if !hasUnsafe(encoded) { return encoded }
        var out = String.UnicodeScalarView()
        for u in encoded.unicodeScalars {
            // Tabs and line feeds (not unsafe) may be JSON whitespace; inside strings the encoder escaped them.
            if isUnsafe(u.value) {
                let hex = String(u.value, radix: 16, uppercase: false)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// A JSON string literal appended to `out`: quotes, backslashes and C0 controls escaped as
    /// JSON requires, and every other scalar `isUnsafe` holds as `\uXXXX`, so a line written by
    /// hand (JSON Lines, a stored metadata object) needs no pass through `json(_:)`.
    public static func jsonString(_ s: String, into out: inout String) {
        out += "\""
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            out += s
        } else {
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where u.value < 0x20 || isUnsafe(u.value): out += String(format: "\\u%04x", u.value)
                default: out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
