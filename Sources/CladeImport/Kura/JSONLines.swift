import Foundation

/// One JSON object per line (JSONL), each kept with its line number for error messages.
/// A file whose first character is `[` is read as one JSON array of objects instead.
enum JSONLines {
    struct Line {
        var line: Int
        var value: JSONValue
    }

    static func read(_ path: String) throws(ImportError) -> [Line] {
        let file = InputFile.name(path)
        let bytes = try InputFile.bytes(path)
        let decoder = JSONDecoder()
        if let first = bytes.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }), first == UInt8(ascii: "[") {
            guard let array = try? decoder.decode([JSONValue].self, from: Data(bytes)) else {
                throw ImportError("\(file): not a valid JSON array")
            }
            return try array.enumerated().map { i, value throws(ImportError) in
                guard value.objectPairs != nil else { throw ImportError("\(file): item \(i + 1) of the array is not a JSON object") }
                return Line(line: 1, value: value)
            }
        }
        var out: [Line] = []
        var lineNumber = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var slice = raw
            if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard String(validating: slice, as: UTF8.self) != nil else {
                throw ImportError("\(file):\(lineNumber): invalid UTF-8")
            }
            let value: JSONValue
            do {
                value = try decoder.decode(JSONValue.self, from: Data(slice))
            } catch {
                throw ImportError("\(file):\(lineNumber): not valid JSON (truncated or corrupt line?)")
            }
            guard value.objectPairs != nil else { throw ImportError("\(file):\(lineNumber): expected a JSON object") }
            out.append(Line(line: lineNumber, value: value))
        }
        return out
    }
}

extension JSONLines.Line {
    /// A required string field.
    func string(_ key: String, in file: String) throws(ImportError) -> String {
        guard let s = value[key]?.stringValue else {
            throw ImportError("\(file):\(line): '\(key)' is missing or not a string")
        }
        return s
    }

    /// An optional string field (null or absent → nil).
    func optionalString(_ key: String, in file: String) throws(ImportError) -> String? {
        guard let v = value[key], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw ImportError("\(file):\(line): '\(key)' is not a string") }
        return s
    }

    func stringArray(_ key: String, in file: String) throws(ImportError) -> [String] {
        guard case .array(let items)? = value[key] else {
            throw ImportError("\(file):\(line): '\(key)' is missing or not a list")
        }
        return try items.map { item throws(ImportError) in
            guard let s = item.stringValue else { throw ImportError("\(file):\(line): '\(key)' holds a non-string") }
            return s
        }
    }
}
