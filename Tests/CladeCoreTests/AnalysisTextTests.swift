import Foundation
import Testing
@testable import CladeCore

@Suite("Analysis: tokens, TF-IDF, c-TF-IDF")
struct AnalysisTextTests {
    @Test func tokenizerLowercasesDropsStopWordsAndJoinsContractions() {
        let t = Tokenizer.english
        #expect(t.tokens("I haven't received my NEW card!") == ["received", "new", "card"])
        #expect(t.tokens("Top-up of 20 EUR via Apple Pay") == ["top", "up", "eur", "apple", "pay"])
        #expect(t.tokens("Why was the bill amount wrong?") == ["bill", "amount", "wrong"])
        #expect(t.tokens("Where's my Überweisung?") == ["überweisung"])
        #expect(Tokenizer(stopWords: [], keepNumbers: true).tokens("a 20 b2") == ["20", "b2"])
    }

    @Test func tfidfUsesSublinearTFSmoothedIDFAndUnitNorm() {
        let docs = [["card", "card", "lost"], ["card", "pin"], ["pin"]]
        let v = TFIDFVectorizer(fitting: docs)
        #expect(v.vocabulary == ["card", "lost", "pin"])
        // idf = ln((1 + n) / (1 + df)) + 1 with n = 3
        #expect(abs(v.idf[0] - Float(log(4.0 / 3.0) + 1)) < 1e-6)
        #expect(abs(v.idf[1] - Float(log(2.0) + 1)) < 1e-6)
        let row = v.transform(docs[0])
        #expect(row.indices == [0, 1])
        let card = (1 + Float(log(2.0))) * v.idf[0]
        let lost = v.idf[1]
        let norm = (card * card + lost * lost).squareRoot()
        #expect(abs(row.values[0] - card / norm) < 1e-6)
        #expect(abs(row.values[1] - lost / norm) < 1e-6)
        #expect(abs(row.squaredNorm - 1) < 1e-6)
        #expect(v.transform(["unknown"]).nonZeroCount == 0)
    }

    @Test func tfidfDocumentFrequencyLimits() {
        let docs = [["a", "b"], ["a", "c"], ["a", "b"], ["a", "d"]]
        let v = TFIDFVectorizer(fitting: docs, options: .init(minimumDocumentFrequency: 2, maximumDocumentShare: 0.75))
        #expect(v.vocabulary == ["b"])
    }

    @Test func classTFIDFFindsDistinctiveWords() {
        let docs = [
            ["card", "arrived", "week"], ["card", "arrived", "waiting"], ["card", "delivery", "arrived"],
            ["card", "pin", "blocked"], ["pin", "blocked", "unblock"], ["pin", "change"],
            ["noise", "card"],
        ]
        let labels = [0, 0, 0, 1, 1, 1, -1]
        let k = ClassTFIDF.keywords(documents: docs, labels: labels, classCount: 2, top: 3)
        #expect(k[0].first?.term == "arrived")
        #expect(k[1].first?.term == "pin")
        #expect(!k[0].map(\.term).contains("noise"))
        #expect(k[0].count == 3 && k[0][0].score >= k[0][1].score)
    }

    @Test func classTFIDFCanIgnoreWordsUsedOnce() {
        let docs = [["card", "arrived", "urgently"], ["card", "arrived"], ["card", "arrived", "week"], ["pin", "card"]]
        let plain = ClassTFIDF.keywords(documents: docs, labels: [0, 0, 0, 1], classCount: 2, top: 3)
        #expect(plain[0].map(\.term).contains("urgently"))
        let frequent = ClassTFIDF.keywords(documents: docs, labels: [0, 0, 0, 1], classCount: 2, top: 3, minimumCount: 2)
        #expect(frequent[0].map(\.term) == ["arrived", "card", "urgently"])  // too few frequent terms: relaxed
        let two = ClassTFIDF.keywords(documents: docs, labels: [0, 0, 0, 1], classCount: 2, top: 2, minimumCount: 2)
        #expect(two[0].map(\.term) == ["arrived", "card"])
    }

    @Test func classTFIDFMatchesBERTopicFormula() {
        // Two classes of 4 words each: A = 4. "x" appears 3 times overall, 2 of them in class 0.
        let docs = [["x", "x", "y", "z"], ["x", "w", "w", "w"]]
        let k = ClassTFIDF.keywords(documents: docs, labels: [0, 1], classCount: 2, top: 10)
        let x = k[0].first { $0.term == "x" }!
        #expect(abs(x.score - 2.0 / 4.0 * log(1 + 4.0 / 3.0)) < 1e-12)
        #expect(k[1].first?.term == "w")
    }
}
