import CladeCore
@testable import CladeImport
import CladeStore
import CladeUI
import Foundation
import Testing

/// Inputs that trapped before, kept so they never trap again. Each names what it broke.
@Suite("fuzzing: regressions")
struct FuzzRegressionTests {
    /// A `.npy` header whose shape overflows rows × columns (found by reading the decoder while
    /// writing the fuzzer): `NpyFormat.decodeMatrix` multiplied without overflow checks.
    @Test func npyShapeThatOverflows() {
        for shape in ["(4611686018427387904, 4)", "(9223372036854775807, 2)", "(3037000500, 3037000500)"] {
            var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"
            header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
            let bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8) + [0, 0, 0, 0]
            #expect(throws: NpyError.self) { try NpyFormat.decodeMatrix(bytes) }
        }
    }

    /// Databases the random-database fuzzer (and reading the code it pointed at) found trapping:
    /// GRDB's typed subscripts trap on a value of another type, and Clade read pipeline columns
    /// with them. Each opened and showed without a trap afterwards.
    @Test(arguments: [
        // random-db, seed 20260801: a BLOB in clusters.keywords_json → "could not decode Optional<String>".
        "UPDATE clusters SET keywords_json = x'5b2261222c20312c206e756c6c5d' WHERE cluster_id = 20",
        // random-db: a BLOB in clusters.is_outlier → "could not decode Optional<Int>".
        "UPDATE clusters SET is_outlier = randomblob(24) WHERE cluster_id = 11",
        // A Unix time in asked_at → "could not decode Optional<String>" in the Questions pane.
        "UPDATE questions SET asked_at = 1741000000 WHERE question_id = 2",
        // A date SQLite cannot read beside ones it can → a NULL week in the weekly trend (non-optional Int).
        "UPDATE questions SET asked_at = 'n/a' WHERE question_id = 3",
        // A REAL threshold in meta → "could not decode Optional<String>".
        "INSERT OR REPLACE INTO meta VALUES ('volume_high_share', 0.04)",
        // Embeddings of two dimensions: VectorMath.dot's precondition in merge suggestions.
        "UPDATE question_embeddings SET vector = x'0000803f0000803f' WHERE question_id IN (SELECT question_id FROM assignments WHERE cluster_id = 21)",
        // random-db with CLADE_FUZZ_SCALE=10: an embedding stored as a REAL → "could not decode Optional<Data>".
        "UPDATE question_embeddings SET vector = 0.5 WHERE question_id = 2",
        // A NULL embedding → a non-optional Data.
        "UPDATE question_embeddings SET vector = NULL WHERE question_id = 4",
        // random-db, seed 7, CLADE_FUZZ_SCALE=10: asked_at '4' sorts last as text but SQLite reads
        // it as Julian day 4, before the first date: a negative number of weeks
        // ("Range requires lowerBound <= upperBound").
        "UPDATE questions SET asked_at = '4' WHERE question_id = 1",
        // A question assigned to a missing cluster: GRDB's deferred foreign key check refused the
        // whole file when Clade created its tables ("FOREIGN KEY constraint violation").
        "UPDATE assignments SET cluster_id = 999 WHERE question_id = 1",
    ])
    func databaseThatTrapped(_ damage: String) throws {
        let scratch = try Scratch()
        let path = scratch.path("regression.sqlite")
        try Pipelines.write(at: path, ddl: Pipelines.looseDDL) { try $0.execute(sql: damage) }
        try Exercise.everything(try AppDatabase.open(path: path))
    }

    /// bertopic-import with CLADE_FUZZ_SCALE=10: a weight of 1e308 made a volume no Int holds, and
    /// the detail block trapped in `Format.volume` ("Double value cannot be converted to Int").
    /// Such weights are now refused (by the importers and by `clade check`), and the widgets
    /// never trap on any number.
    @Test func formattingAbsurdNumbers() {
        for v in [1e308, -1e308, .infinity, -.infinity, .nan, 9.3e18, Double(Int.max)] {
            _ = Format.volume(v)
            _ = Format.fixed(v, 2)
            _ = Format.percent(v)
            _ = Format.shortScore(v)
            _ = Bar.render(v, glyphs: Theme.standard.glyphs, width: 8)
            _ = Sparkline.render([v, 1, 0, -v], glyphs: Theme.standard.glyphs, width: 4)
        }
        #expect(Format.volume(.infinity) == "—")
    }
}
