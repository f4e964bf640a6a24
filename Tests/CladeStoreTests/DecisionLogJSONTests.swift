@testable import CladeStore
import Testing

@Suite struct DecisionLogJSONTests {
    /// Thousands of overrides are written without the encoder, byte for byte as the encoder writes them.
    @Test func manyOverridesAreWrittenAsTheEncoderWouldWriteThem() throws {
        var changes = ChangeSet()
        for q in 1...500 {
            let target: Int64? = q % 5 == 0 ? nil : Int64(-(q % 3) - 1)
            changes.overrides[String(q * 7)] = .some(target)
        }
        changes.clusterState["-1"] = .some(ClusterStateRow(runID: 1, origin: .expert, parentID: 3, name: "Split “off”", description: "a\\b"))
        let fast = try DecisionLog.wrap(changes, summary: "Split 500 questions")
        #expect(fast == (try DecisionLog.encoded(changes, summary: "Split 500 questions")))
        #expect(try DecisionLog.unwrap(fast) == changes)
    }
}
