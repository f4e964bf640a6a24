import CladeCore
@testable import CladeImport
import CladeStore
import Foundation
import Testing

/// Generated inputs for every reader of outside data: the CSV parser, the CSV, Kura and BERTopic
/// importers, the `.npy` reader. None may trap; whatever an importer accepts must make a database
/// `clade check` accepts. Budgets: docs/reliability.md (`CLADE_FUZZ_SCALE`, `CLADE_SEED`).
@Suite("fuzzing: importers")
struct FuzzTests {
    @Test func csvParser() {
        Fuzz.run("csv-parser", seeds: FuzzSeeds.csv, dictionary: FuzzSeeds.csvDictionary, iterations: Fuzz.iterations(4000)) { input, m in
            let delimiter = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")][m.below(4)]
            let table = try CSVParser.parse(input, delimiter: delimiter)
            #expect(table.records.allSatisfy { $0.fields.count == table.header.count })
            #expect(Set(table.header).count == table.header.count)
        }
    }

    @Test func npyReader() {
        Fuzz.run("npy", seeds: FuzzSeeds.npy, dictionary: FuzzSeeds.npyDictionary, iterations: Fuzz.iterations(4000)) { input, _ in
            let matrix = try NpyFormat.decodeMatrix(input)
            #expect(matrix.storage.count == matrix.rows * matrix.columns)
            #expect(matrix.storage.count * 2 <= input.count)
        }
    }

    @Test func csvImporter() throws {
        let scratch = try Scratch()
        let npySeeds = FuzzSeeds.npy
        Fuzz.run("csv-import", seeds: FuzzSeeds.csv, dictionary: FuzzSeeds.csvDictionary, iterations: Fuzz.iterations(100)) { input, m in
            let path = scratch.path("questions.csv")
            try Data(input).write(to: URL(fileURLWithPath: path))
            var embeddings: String?
            if m.below(4) == 0 {
                embeddings = scratch.path("embeddings.npy")
                try Data(m.mutate(npySeeds[m.below(npySeeds.count)], others: npySeeds)).write(to: URL(fileURLWithPath: embeddings!))
            }
            let options = CSVImporter.Options(embeddingsFile: embeddings, clustering: .init(k: [nil, 1, 2, 3][m.below(4)], levels: 1 + m.below(2), restarts: 1))
            let result = try CSVImporter.read(path, options: options)
            try Self.importedDatabaseIsAccepted(result.pipeline, in: scratch)
        }
    }

    @Test func kuraImporter() throws {
        let scratch = try Scratch()
        let names = FuzzSeeds.kura.keys.sorted()
        let seeds = names.map { FuzzSeeds.kura[$0]! }
        Fuzz.run("kura-import", seeds: seeds, dictionary: FuzzSeeds.jsonDictionary, iterations: Fuzz.iterations(250)) { input, m in
            // One file of the folder is the mutated input; the others are intact (or missing).
            let folder = scratch.path("checkpoints")
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let target = names[m.below(names.count)]
            for name in names where name == target || m.below(8) != 0 {
                try Data(name == target ? input : FuzzSeeds.kura[name]!).write(to: URL(fileURLWithPath: folder + "/" + name))
            }
            let options = KuraImporter.Options(textFrom: [.request, .message, .summary][m.below(3)], collapseChains: m.below(2) == 0)
            let result = try KuraImporter.read(folder, options: options)
            try Self.importedDatabaseIsAccepted(result.pipeline, in: scratch)
        }
    }

    @Test func bertopicImporter() throws {
        let scratch = try Scratch()
        let names = FuzzSeeds.bertopic.keys.sorted()
        let seeds = names.map { FuzzSeeds.bertopic[$0]! }
        Fuzz.run("bertopic-import", seeds: seeds, dictionary: FuzzSeeds.csvDictionary + ["'", "['a', 'b']", "[0, 1]", "-1", "True"],
                 iterations: Fuzz.iterations(250)) { input, m in
            let target = names[m.below(names.count)]
            for name in names {
                try Data(name == target ? input : FuzzSeeds.bertopic[name]!).write(to: URL(fileURLWithPath: scratch.path(name)))
            }
            let options = BERTopicImporter.Options(
                documents: scratch.path("document_info.csv"), topics: m.below(3) == 0 ? nil : scratch.path("topic_info.csv"),
                hierarchy: m.below(3) == 0 ? nil : scratch.path("hierarchy.csv"), parents: [nil, 0, 1, 2][m.below(4)]
            )
            if options.hierarchy == nil, options.parents != nil { return }
            let result = try BERTopicImporter.read(options)
            try Self.importedDatabaseIsAccepted(result.pipeline, in: scratch)
        }
    }

    /// What an importer accepts, `clade check` must accept, and Clade must open and show.
    static func importedDatabaseIsAccepted(_ pipeline: ImportedPipeline, in scratch: Scratch) throws {
        let out = scratch.path("imported.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: out + suffix) }
        try PipelineWriter.write(pipeline, to: out, force: true)
        do {
            _ = try SchemaCheck.run(path: out, options: .thorough)
        } catch {
            Issue.record("an imported database is refused: \(error)")
            return
        }
        do {
            try Exercise.everything(try AppDatabase.open(path: out), splits: false)
        } catch {
            Issue.record("an imported database cannot be shown: \(error)")
        }
    }
}
