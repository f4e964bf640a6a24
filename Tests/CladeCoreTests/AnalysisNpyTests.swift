import Testing
@testable import CladeCore

@Suite("Analysis: .npy reader")
struct AnalysisNpyTests {
    /// A hand-made file: header dict, padded so that data starts on a 64-byte boundary.
    static func file(descr: String, shape: String, fortran: Bool = false, version: UInt8 = 1, data: [UInt8]) -> [UInt8] {
        var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
        let prefix = version == 1 ? 10 : 12
        header += String(repeating: " ", count: (64 - (prefix + header.utf8.count + 1) % 64) % 64) + "\n"
        let n = header.utf8.count
        var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
        out += version == 1 ? [UInt8(n & 0xFF), UInt8(n >> 8)] : [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), 0, 0]
        return out + Array(header.utf8) + data
    }

    static func halves(_ bits: [UInt16]) -> [UInt8] { bits.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }

    @Test func float16KnownValues() throws {
        // 1, -2, 65504 (max half), 2^-24 (smallest subnormal), 0.333 (0x3555), -0
        let bits: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x3555, 0x8000]
        let m = try NpyFormat.decodeMatrix(Self.file(descr: "<f2", shape: "(2, 3)", data: Self.halves(bits)))
        #expect(m.rows == 2 && m.columns == 3)
        #expect(m.storage[0] == 1 && m.storage[1] == -2 && m.storage[2] == 65504)
        #expect(m.storage[3] == 0x1p-24)
        #expect(abs(m.storage[4] - 0.33325195) < 1e-7)
        #expect(m.storage[5] == 0 && m.storage[5].sign == .minus)
        #expect(NpyFormat.floatFromHalf(0x7C00) == .infinity)
        #expect(NpyFormat.floatFromHalf(0x7E00).isNaN)
    }

    @Test func float16EncodingRoundsToNearestEven() {
        #expect(NpyFormat.halfFromFloat(1) == 0x3C00)
        #expect(NpyFormat.halfFromFloat(65504) == 0x7BFF)
        #expect(NpyFormat.halfFromFloat(1e6) == 0x7C00)
        #expect(NpyFormat.halfFromFloat(0x1p-24) == 0x0001)
        #expect(NpyFormat.halfFromFloat(1 + 0x1p-11) == 0x3C00)  // halfway, even stays
        #expect(NpyFormat.halfFromFloat(1 + 3 * 0x1p-11) == 0x3C02)  // halfway, odd rounds up
        for bits in stride(from: UInt16(0), to: 0x7C00, by: 37) {
            #expect(NpyFormat.halfFromFloat(NpyFormat.floatFromHalf(bits)) == bits)
        }
    }

    @Test func roundTripsEveryDType() throws {
        let m = Matrix(rowVectors: [[0.5, -1.25, 3], [1024, 0, -0.0625]])
        for dtype in [NpyFormat.DType.float16, .float32, .float64] {
            let bytes = NpyFormat.encode(m, dtype: dtype)
            #expect(try NpyFormat.header(bytes).dataOffset % 64 == 0)
            #expect(try NpyFormat.decodeMatrix(bytes) == m)
        }
    }

    @Test func version2HeaderAndBigEndian() throws {
        let be: [UInt8] = [0x3F, 0x80, 0, 0, 0xC0, 0, 0, 0]  // 1.0, -2.0 big-endian float32
        let m = try NpyFormat.decodeMatrix(Self.file(descr: ">f4", shape: "(1, 2)", version: 2, data: be))
        #expect(m.storage == [1, -2])
    }

    @Test func clearErrors() {
        let four = [UInt8](repeating: 0, count: 8)
        #expect(throws: NpyError.notNpy) { try NpyFormat.decodeMatrix(Array("not numpy at all".utf8)) }
        #expect(throws: NpyError.unsupportedDType("<i8")) { try NpyFormat.decodeMatrix(Self.file(descr: "<i8", shape: "(1, 1)", data: four)) }
        #expect(throws: NpyError.fortranOrder) {
            try NpyFormat.decodeMatrix(Self.file(descr: "<f4", shape: "(1, 2)", fortran: true, data: four))
        }
        #expect(throws: NpyError.notTwoDimensional(shape: [2])) { try NpyFormat.decodeMatrix(Self.file(descr: "<f4", shape: "(2,)", data: four)) }
        #expect(throws: NpyError.sizeMismatch(shape: [3, 2], expectedBytes: 24, actualBytes: 8)) {
            try NpyFormat.decodeMatrix(Self.file(descr: "<f4", shape: "(3, 2)", data: four))
        }
        var wrongVersion = Self.file(descr: "<f4", shape: "(1, 2)", data: four)
        wrongVersion[6] = 9
        #expect(throws: NpyError.unsupportedVersion(major: 9, minor: 0)) { try NpyFormat.decodeMatrix(wrongVersion) }
        #expect(NpyError.sizeMismatch(shape: [3, 2], expectedBytes: 24, actualBytes: 8).description.contains("(3, 2)"))
    }
}
