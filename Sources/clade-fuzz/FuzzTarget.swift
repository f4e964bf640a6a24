import CladeCore
import CladeImport
import CladeStore
import Foundation

/// One input through one of Clade's readers of outside data. Traps are the findings; thrown
/// errors are the expected answer to bad input. See docs/reliability.md ("libFuzzer").
enum FuzzTarget: String, CaseIterable {
    case csv, npy, schema

    static var current: FuzzTarget {
        ProcessInfo.processInfo.environment["CLADE_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:)) ?? .csv
    }

    /// Where the schema target writes each input (one file per process).
    static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("clade-fuzz-\(getpid()).sqlite").path

    func run(_ bytes: [UInt8]) {
        switch self {
        case .csv:
            if let table = try? CSVParser.parse(bytes) {
                precondition(table.records.allSatisfy { $0.fields.count == table.header.count })
            }
        case .npy:
            if let matrix = try? NpyFormat.decodeMatrix(bytes) {
                precondition(matrix.storage.count == matrix.rows * matrix.columns)
            }
        case .schema:
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: Self.scratch + suffix) }
            guard FileManager.default.createFile(atPath: Self.scratch, contents: Data(bytes)) else { return }
            do {
                _ = try SchemaCheck.run(path: Self.scratch, options: .thorough)
            } catch is StoreError {
            } catch {
                preconditionFailure("the check threw something other than a StoreError: \(error)")
            }
        }
    }
}

#if CLADE_LIBFUZZER
import CLibFuzzer

/// The executable's entry point when built for fuzzing (SwiftPM links `main` to it): hands the
/// command line to libFuzzer's driver with the current target as the callback.
@_cdecl("clade_fuzz_main")
public func cladeFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        FuzzTarget.current.run(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
}
#endif
