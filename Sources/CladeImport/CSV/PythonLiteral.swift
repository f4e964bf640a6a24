/// Reads the Python list reprs pandas writes for list-valued columns:
/// `['card', 'arrived']`, `["I've been charged", 'Why?']`, `[0, 1, 2]`. JSON arrays also parse.
public enum PythonLiteral {
    public enum Item: Equatable, Sendable {
        case string(String)
        case int(Int)
        case double(Double)
        case bool(Bool)
        case none
    }

    public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func list(_ text: String) throws(SyntaxError) -> [Item] {
        var p = Parser(Array(text.unicodeScalars))
        return try p.list()
    }

    public static func stringList(_ text: String) throws(SyntaxError) -> [String] {
        try list(text).map { item throws(SyntaxError) -> String in
            guard case .string(let s) = item else { throw SyntaxError(message: "expected a list of strings") }
            return s
        }
    }

    public static func intList(_ text: String) throws(SyntaxError) -> [Int] {
        try list(text).map { item throws(SyntaxError) -> Int in
            guard case .int(let i) = item else { throw SyntaxError(message: "expected a list of integers") }
            return i
        }
    }

    private struct Parser {
        let s: [Unicode.Scalar]
        var i = 0

        init(_ s: [Unicode.Scalar]) { self.s = s }

        mutating func list() throws(SyntaxError) -> [Item] {
            skipSpace()
            try expect("[")
            var items: [Item] = []
            while true {
                skipSpace()
                if peek() == "]" { i += 1; break }
                items.append(try item())
                skipSpace()
                if peek() == "," { i += 1; continue }
                skipSpace()
                try expect("]")
                break
            }
            skipSpace()
            guard i == s.count else { throw SyntaxError(message: "unexpected text after the list") }
            return items
        }

        mutating func item() throws(SyntaxError) -> Item {
            guard let c = peek() else { throw SyntaxError(message: "unexpected end of list") }
            if c == "'" || c == "\"" { return .string(try string()) }
            var word = ""
            while let c = peek(), c != ",", c != "]", !c.properties.isWhitespace {
                word.unicodeScalars.append(c)
                i += 1
            }
            switch word {
            case "True", "true": return .bool(true)
            case "False", "false": return .bool(false)
            case "None", "null": return .none
            default:
                if let n = Int(word) { return .int(n) }
                if let d = Double(word) { return .double(d) }
                throw SyntaxError(message: "unexpected '\(word)' in list")
            }
        }

        mutating func string() throws(SyntaxError) -> String {
            let quote = s[i]
            i += 1
            var out = String.UnicodeScalarView()
            while let c = peek() {
                i += 1
                if c == quote { return String(out) }
                guard c == "\\" else { out.append(c); continue }
                guard let e = peek() else { break }
                i += 1
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "0": out.append("\0")
                case "x": out.append(try hex(2))
                case "u": out.append(try hex(4))
                case "U": out.append(try hex(8))
                default: out.append(e)  // \\ \' \" and unknown escapes keep the character
                }
            }
            throw SyntaxError(message: "unterminated string in list")
        }

        mutating func hex(_ digits: Int) throws(SyntaxError) -> Unicode.Scalar {
            guard i + digits <= s.count, let v = UInt32(String(String.UnicodeScalarView(s[i ..< i + digits])), radix: 16),
                  let scalar = Unicode.Scalar(v)
            else { throw SyntaxError(message: "bad escape in string") }
            i += digits
            return scalar
        }

        mutating func expect(_ c: Unicode.Scalar) throws(SyntaxError) {
            guard peek() == c else { throw SyntaxError(message: "expected '\(c)'") }
            i += 1
        }

        mutating func skipSpace() {
            while let c = peek(), c.properties.isWhitespace { i += 1 }
        }

        func peek() -> Unicode.Scalar? { i < s.count ? s[i] : nil }
    }
}
