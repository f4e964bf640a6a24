import CladeCore
import Foundation
import Testing
@testable import CladeImport

/// Bad inputs end in one clear error and leave no file behind: neither the output nor a temporary file.
@Suite("Malformed inputs and atomic output")
struct MalformedInputTests {
    /// Runs a whole import (read, then write to `out.sqlite`) and returns its error.
    func failure(in folder: TempFolder, _ read: () throws -> ImportedPipeline) -> ImportError? {
        let before = folder.files
        defer { #expect(folder.files == before, "files left behind: \(Set(folder.files).subtracting(before))") }
        do {
            try PipelineWriter.checkDestination(folder.path("out.sqlite"), force: false)
            try PipelineWriter.write(try read(), to: folder.path("out.sqlite"), force: false)
            return nil
        } catch let error as ImportError {
            #expect(!error.message.contains("\n"))
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    func csvFailure(_ content: [UInt8], options: CSVImporter.Options = .init(clustering: .init(k: 2))) -> String {
        let folder = TempFolder()
        let csv = folder.write("questions.csv", content)
        return failure(in: folder) { try CSVImporter.read(csv, options: options).pipeline }?.message ?? "no error"
    }

    @Test func truncatedCSVWithAnOpenQuote() {
        let message = csvFailure(Array("text,category\nfine,a\n\"never closed,b\nmore,c\n".utf8))
        #expect(message == "questions.csv:3: unbalanced quote: the quoted field that starts here never ends (truncated file?)")
    }

    @Test(.enabled(if: RealData.available))
    func banking77CutInsideAQuotedLineBreak() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: RealData.path("banking77-queries.csv"))))
        #expect(csvFailure(Array(bytes[..<102_205])).hasPrefix("questions.csv:1292: unbalanced quote"))
    }

    @Test func truncatedLastLine() {
        #expect(csvFailure(Array("text,category\nfine,a\ncut".utf8)) == "questions.csv:3: 1 field where the header has 2 (truncated line?)")
    }

    @Test func wrongEncoding() {
        let latin1: [UInt8] = Array("text\nfine\nfine too\n".utf8) + [0x63, 0x61, 0x66, 0xE9, 0x0A]
        #expect(csvFailure(latin1) == "questions.csv:4: invalid UTF-8 (save the file as UTF-8)")
    }

    @Test func missingTextColumn() {
        let message = csvFailure(Array("when,score\n2025-01-01,1\n".utf8))
        #expect(message.hasPrefix("questions.csv: no text column"))
        #expect(message.contains("--text-column") && message.contains("Columns: when, score"))
        #expect(csvFailure(Array("q\nhello\n".utf8), options: .init(columns: [.text: "question"])).contains("--text-column 'question': no such column"))
    }

    @Test func badValuesNameTheirLine() {
        #expect(csvFailure(Array("text,feedback\na,up\nb,meh\n".utf8)).hasPrefix("questions.csv:3: unrecognised feedback 'meh'"))
        #expect(csvFailure(Array("text,date\na,2025-01-01\nb,last week\n".utf8)).hasPrefix("questions.csv:3: unrecognised time 'last week'"))
        #expect(csvFailure(Array("text,relevance\na,0.5\nb,high\n".utf8)) == "questions.csv:3: relevance 'high' in column 'relevance' is not a number")
        #expect(csvFailure(Array("text,weight\na,0\n".utf8)).hasPrefix("questions.csv:2: weight '0'"))
        #expect(csvFailure(Array("id,text\n1,a\n1,b\n".utf8)) == "questions.csv:3: id '1' repeats line 2")
    }

    @Test func npyOfTheWrongShapeOrType() {
        let csv = Array("text\na\nb\nc\nd\n".utf8)
        let folder = TempFolder()
        let q = folder.write("questions.csv", csv)
        let npy = folder.write("e.npy", NpyFormat.encode(Matrix(rows: 3, columns: 4, repeating: 1)))
        #expect(failure(in: folder) { try CSVImporter.read(q, options: .init(embeddingsFile: npy, clustering: .init(k: 2))).pipeline }?.message
            == "e.npy: 3 rows, but questions.csv has 4 data rows; the .npy needs one row per CSV row, in order")
        var ints = NpyFormat.encode(Matrix(rows: 4, columns: 2, repeating: 1))
        let at = ints.firstIndex(of: UInt8(ascii: "f"))!
        ints[at] = UInt8(ascii: "i")  // '<f4' → '<i4'
        let bad = folder.write("i.npy", ints)
        #expect(failure(in: folder) { try CSVImporter.read(q, options: .init(embeddingsFile: bad, clustering: .init(k: 2))).pipeline }?.message
            == "i.npy: unsupported .npy dtype '<i4': expected float16 ('<f2'), float32 ('<f4') or float64 ('<f8')")
        let missing = folder.path("none.npy")
        #expect(failure(in: folder) { try CSVImporter.read(q, options: .init(embeddingsFile: missing, clustering: .init(k: 2))).pipeline }?.message
            == "\(missing): no such file")
    }

    @Test func tooFewQuestionsForK() {
        #expect(csvFailure(Array("text\na\nb\n".utf8), options: .init(clustering: .init(k: 5))) == "questions.csv: cannot make 5 clusters of 2 rows")
    }

    @Test(.enabled(if: RealData.available))
    func badJSONLLine() throws {
        let folder = TempFolder()
        let source = RealData.path("kura-sample/checkpoints")
        for name in ["conversations.jsonl", "summaries.jsonl", "meta_clusters.jsonl"] {
            var text = try String(contentsOfFile: source + "/" + name, encoding: .utf8)
            if name == "summaries.jsonl" {
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                lines[11] = String(lines[11].prefix(40))  // line 12 cut short
                text = lines.joined(separator: "\n")
            }
            folder.write("k/" + name, text)
        }
        #expect(failure(in: folder) { try KuraImporter.read(folder.path("k")).pipeline }?.message
            == "summaries.jsonl:12: not valid JSON (truncated or corrupt line?)")
    }

    @Test func kuraLinksThatPointNowhere() {
        let folder = TempFolder()
        folder.write("k/conversations.jsonl", #"{"chat_id":"a","created_at":"2025-01-01T00:00:00","messages":[{"role":"user","content":"hi"}],"metadata":{}}"# + "\n")
        folder.write("k/meta_clusters.jsonl", #"{"id":"c1","name":"n","description":"","slug":"s","chat_ids":["a"],"parent_id":"zzz","count":1}"# + "\n")
        #expect(failure(in: folder) { try KuraImporter.read(folder.path("k")).pipeline }?.message
            == "meta_clusters.jsonl:1: parent_id zzz is not a cluster in this file")
        folder.write("k/meta_clusters.jsonl", #"{"id":"c1","name":"n","description":"","slug":"s","chat_ids":["a","b"],"parent_id":null,"count":2}"# + "\n")
        #expect(failure(in: folder) { try KuraImporter.read(folder.path("k")).pipeline }?.message
            == "meta_clusters.jsonl:1: conversation b is not among the conversations")
        #expect(failure(in: folder) { try KuraImporter.read(folder.path("nowhere")).pipeline }?.message.hasSuffix("nowhere: no such folder") == true)
    }

    @Test func bertopicBadTopicAndHierarchy() {
        let folder = TempFolder()
        let docs = folder.write("docs.csv", "Document,Topic\nhello,0\nworld,x\n")
        #expect(failure(in: folder) { try BERTopicImporter.read(.init(documents: docs)).pipeline }?.message
            == "docs.csv:3: Topic 'x' is not an integer")
        let good = folder.write("good.csv", "Document,Topic\nhello,0\nworld,1\n")
        let h = folder.write("h.csv", "Parent_ID,Parent_Name,Topics,Child_Left_ID,Child_Left_Name,Child_Right_ID,Child_Right_Name,Distance\n2,a_b,\"[0, 1]\",0,x,7,y,1.0\n")
        #expect(failure(in: folder) { try BERTopicImporter.read(.init(documents: good, hierarchy: h)).pipeline }?.message
            == "h.csv:2: child 7 is neither a topic nor a merged node")
        let noText = folder.write("notext.csv", "Topic,Name\n0,x\n")
        #expect(failure(in: folder) { try BERTopicImporter.read(.init(documents: noText)).pipeline }?.message.hasPrefix("notext.csv: no 'Document' column") == true)
    }

    @Test func existingOutputIsKeptWithoutForceAndReplacedWithIt() throws {
        let folder = TempFolder()
        let csv = folder.write("q.csv", threeTopicCSV())
        let out = folder.write("out.sqlite", "precious")
        let pipeline = try CSVImporter.read(csv, options: .init(clustering: .init(k: 3))).pipeline
        #expect(throws: ImportError("\(out) already exists; use --force to replace it")) {
            try PipelineWriter.write(pipeline, to: out, force: false)
        }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "precious")
        folder.write("out.sqlite-journal", "stale")
        try PipelineWriter.write(pipeline, to: out, force: true)
        #expect(try ImportedDatabase(out).int("SELECT COUNT(*) FROM questions") == 12)
        #expect(folder.files == ["out.sqlite", "q.csv"])
        #expect(throws: ImportError("\(csv) is also an input; choose another output file")) {
            try PipelineWriter.checkDestination(csv, force: true, inputs: [csv])
        }
        #expect(throws: ImportError.self) { try PipelineWriter.checkDestination(folder.path("no/such/dir/x.sqlite"), force: false) }
    }

    @Test func cancellingLeavesNothing() throws {
        let folder = TempFolder()
        let csv = folder.write("q.csv", threeTopicCSV())
        #expect(throws: ImportError.cancelled) {
            try CSVImporter.read(csv, options: .init(clustering: .init(k: 3)), control: AnalysisControl(isCancelled: { true }))
        }
        let pipeline = try CSVImporter.read(csv, options: .init(clustering: .init(k: 3))).pipeline
        nonisolated(unsafe) var polls = 0
        #expect(throws: ImportError.cancelled) {
            try PipelineWriter.write(pipeline, to: folder.path("out.sqlite"), force: false, isCancelled: {
                polls += 1
                return polls > 1  // cancelled in the middle of writing
            })
        }
        #expect(folder.files == ["q.csv"])
    }
}
