import Foundation

/// Any JSON value read back from the decision log, so a decision's stored old/new JSON is
/// exported as JSON, not as a string. (CladeImport's `JSONValue` writes ordered JSON for imports.)
public enum LogJSON: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([LogJSON])
    case object([String: LogJSON])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([LogJSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: LogJSON].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n):
            if n == n.rounded(), abs(n) < 9e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    public static func parse(_ text: String) throws -> LogJSON {
        try JSONDecoder().decode(LogJSON.self, from: Data(text.utf8))
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Removes and returns a key of an object.
    public mutating func removeKey(_ key: String) -> LogJSON? {
        guard case .object(var o) = self else { return nil }
        let value = o.removeValue(forKey: key)
        self = .object(o)
        return value
    }
}
