import Testing
@testable import CladeImport

@Suite("Feedback, times, columns")
struct FieldMappingTests {
    func map(_ raw: String, _ scale: FeedbackScale) -> Int?? {
        if case .success(let v) = FeedbackMapping.map(raw, scale: scale) { return .some(v) }
        return .none
    }

    @Test func wordsReadTheSameOnEveryScale() {
        for scale in [FeedbackScale.signed, .binary, .stars] {
            for up in ["up", "UP", "thumbs_up", "Thumbs-Up", "thumbsup", "true", "True", "yes", "y", "👍", "positive"] {
                #expect(map(up, scale) == .some(1), "\(up)")
            }
            for down in ["down", "thumbs_down", "thumbs down", "false", "no", "👎", "negative"] {
                #expect(map(down, scale) == .some(-1), "\(down)")
            }
            for unrated in ["", "  ", "null", "None", "NaN", "n/a"] {
                #expect(map(unrated, scale) == .some(nil), "\(unrated)")
            }
        }
    }

    @Test func numericScalesAreDecidedByTheWholeColumn() {
        #expect(FeedbackMapping.resolve(.auto, values: ["1", "-1", "", "0"]) == .signed)
        #expect(FeedbackMapping.resolve(.auto, values: ["1", "0", "up"]) == .binary)
        #expect(FeedbackMapping.resolve(.auto, values: ["1", "5", "3"]) == .stars)
        #expect(FeedbackMapping.resolve(.stars, values: ["1", "0"]) == .stars)
    }

    @Test func numericValues() {
        #expect(map("1", .signed) == .some(1))
        #expect(map("-1", .signed) == .some(-1))
        #expect(map("0", .signed) == .some(nil))
        #expect(map("0", .binary) == .some(-1))
        #expect(map("1", .binary) == .some(1))
        #expect((1...5).map { map(String($0), .stars) } == [.some(-1), .some(-1), .some(nil), .some(1), .some(1)])
        #expect(map("4.5", .stars) == .some(1))
        #expect(map("2.5", .stars) == .some(nil))
    }

    @Test func badFeedbackIsExplained() {
        #expect(FeedbackMapping.map("meh", scale: .binary) == .failure(.unrecognised("meh")))
        #expect(FeedbackMapping.map("7", scale: .stars) == .failure(.outOfScale("7", .stars)))
        #expect(FeedbackMapping.map("2", scale: .binary) == .failure(.outOfScale("2", .binary)))
        #expect(FeedbackMapping.explain(.unrecognised("meh")).contains("1–5 stars"))
    }

    @Test func timestamps() {
        #expect(ValueParsing.timestamp("2025-03-14") == "2025-03-14")
        #expect(ValueParsing.timestamp("2025/03/14") == "2025-03-14")
        #expect(ValueParsing.timestamp("2025-03-14 09:30:00") == "2025-03-14T09:30:00")
        #expect(ValueParsing.timestamp("2025-05-29T22:11:46.173975") == "2025-05-29T22:11:46.173975")
        #expect(ValueParsing.timestamp("2025-03-14T09:30:00+01:00") == "2025-03-14T09:30:00+01:00")
        #expect(ValueParsing.timestamp("1741944600") == "2025-03-14T09:30:00Z")
        #expect(ValueParsing.timestamp("1741944600000") == "2025-03-14T09:30:00Z")
        #expect(ValueParsing.timestamp("14/03/2025") == nil)
        #expect(ValueParsing.timestamp("2025-13-01") == nil)
        #expect(ValueParsing.timestamp("yesterday") == nil)
    }

    @Test func tagsSplitOnSemicolonOrBar() {
        #expect(ValueParsing.tags(" compare; rates |compare||time ") == ["compare", "rates", "time"])
    }

    @Test func columnsAreFoundByNameOrFlag() throws {
        let header = ["Question ID", "User Query", "Asked At", "Thumbs", "retrieval_score", "tags", "extra"]
        let m = try ColumnMapping.resolve(header: header, overrides: [:], fileName: "q.csv")
        #expect(m[.id] == 0 && m[.text] == 1 && m[.askedAt] == 2 && m[.feedback] == 3 && m[.relevance] == 4 && m[.capabilities] == 5)
        #expect(m.metadata == [6])
        let o = try ColumnMapping.resolve(header: header, overrides: [.text: "extra"], fileName: "q.csv")
        #expect(o[.text] == 6 && o.metadata == [1])
        #expect(throws: ImportError.self) { try ColumnMapping.resolve(header: header, overrides: [.text: "nope"], fileName: "q.csv") }
    }
}
