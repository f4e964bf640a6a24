/// Reads and writes NumPy `.npy` files holding a 2-D float array (one vector per row).
///
/// Supported: format versions 1, 2 and 3; dtypes float16, float32 and float64 in either byte
/// order (`<f2`, `<f4`, `<f8`, `>f4`…); C order. Works on bytes, so the caller does the file I/O.
public enum NpyFormat {
    public enum DType: String, Equatable, Sendable {
        case float16 = "f2", float32 = "f4", float64 = "f8"

        public var byteCount: Int {
            switch self {
            case .float16: 2
            case .float32: 4
            case .float64: 8
            }
        }
    }

    /// What the header says.
    public struct Header: Equatable, Sendable {
        public var dtype: DType
        public var littleEndian: Bool
        public var fortranOrder: Bool
        public var shape: [Int]
        /// Offset of the first data byte.
        public var dataOffset: Int
    }

    private static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    public static func header(_ bytes: [UInt8]) throws(NpyError) -> Header {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw .notNpy }
        let major = bytes[6], minor = bytes[7]
        let length: Int, start: Int
        switch major {
        case 1:
            length = Int(bytes[8]) | Int(bytes[9]) << 8
            start = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw .notNpy }
            length = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            start = 12
        default:
            throw .unsupportedVersion(major: Int(major), minor: Int(minor))
        }
        guard start + length <= bytes.count else { throw .malformedHeader("header runs past the end of the file") }
        let text = String(decoding: bytes[start ..< start + length], as: UTF8.self)
        var parser = HeaderParser(text)
        let fields = try parser.dictionary()
        guard case .string(let descr)? = fields["descr"] else { throw .malformedHeader("no 'descr' string") }
        guard case .bool(let fortran)? = fields["fortran_order"] else { throw .malformedHeader("no 'fortran_order' flag") }
        guard case .tuple(let shape)? = fields["shape"] else { throw .malformedHeader("no 'shape' tuple") }
        guard descr.count == 3, let dtype = DType(rawValue: String(descr.dropFirst())) else { throw .unsupportedDType(descr) }
        let littleEndian: Bool
        switch descr.first {
        case "<", "=": littleEndian = true  // "=" is native, and every platform Clade runs on is little-endian
        case ">": littleEndian = false
        default: throw .unsupportedDType(descr)
        }
        return Header(dtype: dtype, littleEndian: littleEndian, fortranOrder: fortran, shape: shape, dataOffset: start + length)
    }

    /// The array as a matrix of `Float`; it must be 2-D and in C order, and the data must fill
    /// exactly rows × columns elements.
    public static func decodeMatrix(_ bytes: [UInt8]) throws(NpyError) -> Matrix {
        let h = try header(bytes)
        guard !h.fortranOrder else { throw .fortranOrder }
        guard h.shape.count == 2 else { throw .notTwoDimensional(shape: h.shape) }
        let rows = h.shape[0], columns = h.shape[1]
        let actual = bytes.count - h.dataOffset
        // A shape from the file may overflow: such a file cannot be whole.
        let (count, countOverflow) = rows.multipliedReportingOverflow(by: columns)
        let (expected, bytesOverflow) = count.multipliedReportingOverflow(by: h.dtype.byteCount)
        guard !countOverflow, !bytesOverflow, actual == expected else {
            throw .sizeMismatch(shape: h.shape, expectedBytes: countOverflow || bytesOverflow ? Int.max : expected, actualBytes: actual)
        }
        var values = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            let data = UnsafeRawBufferPointer(rebasing: raw[h.dataOffset...])
            values.withUnsafeMutableBufferPointer { out in
                switch h.dtype {
                case .float16:
                    for i in 0..<count {
                        let bits = data.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self)
                        out[i] = floatFromHalf(h.littleEndian ? UInt16(littleEndian: bits) : UInt16(bigEndian: bits))
                    }
                case .float32:
                    for i in 0..<count {
                        let bits = data.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)
                        out[i] = Float(bitPattern: h.littleEndian ? UInt32(littleEndian: bits) : UInt32(bigEndian: bits))
                    }
                case .float64:
                    for i in 0..<count {
                        let bits = data.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
                        out[i] = Float(Double(bitPattern: h.littleEndian ? UInt64(littleEndian: bits) : UInt64(bigEndian: bits)))
                    }
                }
            }
        }
        return Matrix(rows: rows, columns: columns, storage: values)
    }

    /// A version 1 `.npy` file of the matrix, little-endian, C order.
    public static func encode(_ matrix: Matrix, dtype: DType = .float32) -> [UInt8] {
        var header = "{'descr': '<\(dtype.rawValue)', 'fortran_order': False, 'shape': (\(matrix.rows), \(matrix.columns)), }"
        // Data starts on a 64-byte boundary; the header ends with a newline.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out = magic + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
        out += Array(header.utf8)
        out.reserveCapacity(out.count + matrix.storage.count * dtype.byteCount)
        for v in matrix.storage {
            switch dtype {
            case .float16: withUnsafeBytes(of: halfFromFloat(v).littleEndian) { out += $0 }
            case .float32: withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 }
            case .float64: withUnsafeBytes(of: Double(v).bitPattern.littleEndian) { out += $0 }
            }
        }
        return out
    }

    /// IEEE 754 binary16 → binary32, exact (every half is representable as a float).
    /// Done by hand because `Float16` is not available on every platform Swift targets.
    @inlinable
    public static func floatFromHalf(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = UInt32(h >> 10) & 0x1F
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0 {
            // Zero or subnormal: mantissa × 2⁻²⁴.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        }
        if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13) }
        return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
    }

    /// IEEE 754 binary32 → binary16, rounding to nearest, ties to even; overflow gives infinity.
    public static func halfFromFloat(_ f: Float) -> UInt16 {
        let bits = f.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        if f.isNaN { return sign | 0x7E00 }
        let exponent = Int((bits >> 23) & 0xFF) - 127 + 15
        var mantissa = bits & 0x7F_FFFF
        if exponent >= 0x1F { return sign | 0x7C00 }
        if exponent <= 0 {
            if exponent < -10 { return sign }
            mantissa |= 0x80_0000
            let shift = UInt32(14 - exponent)
            var half = mantissa >> shift
            let remainder = mantissa & ((1 << shift) - 1)
            let halfway: UInt32 = 1 << (shift - 1)
            if remainder > halfway || (remainder == halfway && half & 1 == 1) { half += 1 }
            return sign | UInt16(half)
        }
        var half = UInt32(exponent) << 10 | mantissa >> 13
        let remainder = mantissa & 0x1FFF
        if remainder > 0x1000 || (remainder == 0x1000 && half & 1 == 1) { half += 1 }
        return sign | UInt16(half)
    }
}

/// Why a `.npy` file cannot be read as a matrix.
public enum NpyError: Error, Equatable, Sendable, CustomStringConvertible {
    case notNpy
    case unsupportedVersion(major: Int, minor: Int)
    case malformedHeader(String)
    case unsupportedDType(String)
    case fortranOrder
    case notTwoDimensional(shape: [Int])
    case sizeMismatch(shape: [Int], expectedBytes: Int, actualBytes: Int)

    public var description: String {
        switch self {
        case .notNpy:
            "not a .npy file (no \\x93NUMPY magic)"
        case .unsupportedVersion(let major, let minor):
            "unsupported .npy format version \(major).\(minor)"
        case .malformedHeader(let why):
            "malformed .npy header: \(why)"
        case .unsupportedDType(let descr):
            "unsupported .npy dtype '\(descr)': expected float16 ('<f2'), float32 ('<f4') or float64 ('<f8')"
        case .fortranOrder:
            "the .npy array is in Fortran order; save it in C order (numpy.ascontiguousarray)"
        case .notTwoDimensional(let shape):
            "the .npy array has shape \(NpyError.format(shape)); expected 2 dimensions (rows, dimensions)"
        case .sizeMismatch(let shape, let expected, let actual):
            "the .npy data is \(actual) bytes but shape \(NpyError.format(shape)) needs \(expected) (truncated or corrupt file)"
        }
    }

    static func format(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}

/// Parses the Python dict literal of a `.npy` header: string keys; string, boolean or
/// integer-tuple values.
private struct HeaderParser {
    enum Value {
        case string(String)
        case bool(Bool)
        case tuple([Int])
    }

    private let scalars: [Unicode.Scalar]
    private var i = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    mutating func dictionary() throws(NpyError) -> [String: Value] {
        try expect("{")
        var out: [String: Value] = [:]
        while true {
            skipSpace()
            if peek() == "}" { break }
            let key = try string()
            try expect(":")
            out[key] = try value()
            skipSpace()
            if peek() == "," { i += 1 } else { try expect("}"); return out }
        }
        i += 1
        return out
    }

    private mutating func value() throws(NpyError) -> Value {
        skipSpace()
        switch peek() {
        case "'", "\"": return .string(try string())
        case "(": return .tuple(try tuple())
        case "[": throw .unsupportedDType("structured dtype")
        default:
            let word = identifier()
            switch word {
            case "True": return .bool(true)
            case "False": return .bool(false)
            default: throw .malformedHeader("unexpected value '\(word)'")
            }
        }
    }

    private mutating func string() throws(NpyError) -> String {
        skipSpace()
        guard let quote = peek(), quote == "'" || quote == "\"" else { throw .malformedHeader("expected a quoted string") }
        i += 1
        var out = ""
        while let c = peek(), c != quote {
            out.unicodeScalars.append(c)
            i += 1
        }
        guard peek() == quote else { throw .malformedHeader("unterminated string") }
        i += 1
        return out
    }

    private mutating func tuple() throws(NpyError) -> [Int] {
        try expect("(")
        var out: [Int] = []
        while true {
            skipSpace()
            if peek() == ")" { i += 1; return out }
            let word = identifier()
            guard let n = Int(word.hasSuffix("L") ? String(word.dropLast()) : word), n >= 0 else {
                throw .malformedHeader("bad dimension '\(word)' in shape")
            }
            out.append(n)
            skipSpace()
            if peek() == "," { i += 1 } else if peek() != ")" { throw .malformedHeader("expected ',' or ')' in shape") }
        }
    }

    private mutating func identifier() -> String {
        var out = ""
        while let c = peek(), c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" {
            out.unicodeScalars.append(c)
            i += 1
        }
        return out
    }

    private mutating func expect(_ c: Unicode.Scalar) throws(NpyError) {
        skipSpace()
        guard peek() == c else { throw .malformedHeader("expected '\(c)'") }
        i += 1
    }

    private mutating func skipSpace() {
        while let c = peek(), c == " " || c == "\n" || c == "\t" { i += 1 }
    }

    private func peek() -> Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }
}
