import Testing
@testable import CladeImport

@Suite("CSV parser")
struct CSVParserTests {
    func parse(_ s: String, delimiter: Character = ",") throws(CSVError) -> CSVTable {
        try CSVParser.parse(Array(s.utf8), delimiter: delimiter.asciiValue!)
    }

    @Test func quotedFieldsDoubledQuotesAndEmbeddedNewlines() throws {
        let t = try parse("id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,last\n")
        #expect(t.header == ["id", "text"])
        #expect(t.records.map(\.fields) == [["1", "a, b"], ["2", "say \"hi\""], ["3", "two\nlines"], ["4", "last"]])
        #expect(t.records.map(\.line) == [2, 3, 4, 6])
    }

    @Test func bomCRLFBlankLinesAndNoFinalNewline() throws {
        let t = try parse("\u{FEFF}text,n\r\n\r\nhello,1\r\n\"multi\r\nline\",2\r\n\r\nend,3")
        #expect(t.header == ["text", "n"])
        #expect(t.records.map(\.fields) == [["hello", "1"], ["multi\r\nline", "2"], ["end", "3"]])
        #expect(t.records.map(\.line) == [3, 4, 7])
    }

    @Test func emptyFieldsTabsAndUnnamedColumns() throws {
        let t = try parse("a\t\tc\n\t2\t\n", delimiter: "\t")
        #expect(t.header == ["a", "column_2", "c"])
        #expect(t.records[0].fields == ["", "2", ""])
    }

    @Test func quoteInsideUnquotedFieldIsKept() throws {
        #expect(try parse("text\nsize 5\" screen\n").records[0].fields == ["size 5\" screen"])
    }

    @Test func unicodeIsPreserved() throws {
        #expect(try parse("text\nCafé “quoted” 👍\n").records[0].fields == ["Café “quoted” 👍"])
    }

    @Test func errorsCarryLineNumbers() {
        #expect(throws: CSVError.unterminatedQuote(line: 3)) { try parse("text\nok\n\"never\nclosed\n") }
        #expect(throws: CSVError.characterAfterClosingQuote(line: 2)) { try parse("text\n\"a\"b\n") }
        #expect(throws: CSVError.fieldCount(line: 3, expected: 2, found: 1)) { try parse("a,b\n1,2\ntruncat") }
        #expect(throws: CSVError.fieldCount(line: 2, expected: 2, found: 3)) { try parse("a,b\n1,2,3\n") }
        #expect(throws: CSVError.duplicateColumn(name: "a")) { try parse("a,b,a\n") }
        #expect(throws: CSVError.empty) { try parse("") }
        #expect(throws: CSVError.invalidUTF8(line: 3)) {
            try CSVParser.parse(Array("text\nok\n".utf8) + [0x63, 0x61, 0x66, 0xE9, 0x0A])  // Latin-1 "café"
        }
    }

    @Test func messagesReadWell() {
        #expect(CSVError.unterminatedQuote(line: 9).description.contains("truncated"))
        #expect(CSVError.fieldCount(line: 3, expected: 2, found: 1).description == "1 field where the header has 2 (truncated line?)")
    }
}

@Suite("Python list literals")
struct PythonLiteralTests {
    @Test func listsAsPandasWritesThem() throws {
        #expect(try PythonLiteral.stringList("['card', 'arrived']") == ["card", "arrived"])
        #expect(try PythonLiteral.stringList(#"["I've been charged", 'Why?', 'a\'b', 'tab\there']"#) == ["I've been charged", "Why?", "a'b", "tab\there"])
        #expect(try PythonLiteral.intList("[0, 1, 105]") == [0, 1, 105])
        #expect(try PythonLiteral.stringList("[]") == [])
        #expect(try PythonLiteral.list("[True, None, 1.5, -2]") == [.bool(true), .none, .double(1.5), .int(-2)])
        #expect(try PythonLiteral.stringList(#"["caf\xe9 \u2192"]"#) == ["café →"])
    }

    @Test func malformedListsAreRejected() {
        #expect(throws: PythonLiteral.SyntaxError.self) { try PythonLiteral.stringList("['open") }
        #expect(throws: PythonLiteral.SyntaxError.self) { try PythonLiteral.stringList("card, arrived") }
        #expect(throws: PythonLiteral.SyntaxError.self) { try PythonLiteral.stringList("[1, 2]") }
    }
}
