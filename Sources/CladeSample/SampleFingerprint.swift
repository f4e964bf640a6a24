import CladeStore
import GRDB

/// FNV-1a, 64 bits: enough to tell two dumps apart, and available everywhere (no CryptoKit on Linux).
struct FNV1a64 {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
    }

    mutating func add(_ string: String) {
        add(bytes: string.utf8)
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension SampleGenerator {
    /// Tables in dump order, with the order of their rows.
    static let fingerprintTables: [(table: String, orderBy: String)] = [
        ("meta", "key"),
        ("runs", "run_id"),
        ("capabilities", "capability_id"),
        ("clusters", "cluster_id"),
        ("questions", "question_id"),
        ("assignments", "question_id"),
        ("question_capabilities", "question_id, capability_id"),
        ("question_embeddings", "question_id"),
    ]

    /// A content fingerprint of the pipeline tables: equal fingerprints mean equal rows, whatever the
    /// file's page layout. Reads `fnv1a64:<hash> <table>=<rows> …`.
    public static func fingerprint(_ db: Database) throws -> String {
        var hash = FNV1a64()
        let applicationID = try Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        hash.add("application_id=\(applicationID);user_version=\(userVersion)\u{1E}")
        var counts: [String] = []
        for (table, orderBy) in fingerprintTables {
            hash.add("\u{1D}\(table)")
            var rows = 0
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY \(orderBy)")
            while let row = try cursor.next() {
                rows += 1
                hash.add("\u{1E}")
                for (column, value) in row {
                    hash.add("\u{1F}\(column)=")
                    add(value, to: &hash)
                }
            }
            counts.append("\(table)=\(rows)")
        }
        return "fnv1a64:\(hash.hex) " + counts.joined(separator: " ")
    }

    private static func add(_ value: DatabaseValue, to hash: inout FNV1a64) {
        switch value.storage {
        case .null:
            hash.add("n")
        case .int64(let int):
            hash.add("i\(int)")
        case .double(let double):
            // Fixed precision, so that a last-bit difference in a stored float does not matter.
            if double.magnitude < 1e9 {
                hash.add("r\(Int64((double * 1e9).rounded()))")
            } else {
                hash.add("r\(double)")
            }
        case .string(let string):
            hash.add("t\(string.utf8.count):")
            hash.add(string)
        case .blob(let data):
            hash.add("b\(data.count):")
            hash.add(bytes: data)
        }
    }
}
