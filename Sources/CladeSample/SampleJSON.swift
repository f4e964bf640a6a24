/// Minimal JSON writing with a fixed key order (a Dictionary would not give one).
enum SampleJSON {
    enum Value {
        case string(String)
        case int(Int)
    }

    static func array(_ strings: [String]) -> String {
        "[" + strings.map(quoted).joined(separator: ",") + "]"
    }

    static func object(_ fields: [(key: String, value: Value)]) -> String {
        let members = fields.map { field -> String in
            switch field.value {
            case .string(let s): return quoted(field.key) + ":" + quoted(s)
            case .int(let i): return quoted(field.key) + ":" + String(i)
            }
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
