/// Fuzzy matching for the palette, in the manner of editors' "go to command": every query
/// character must appear in order, and each must either start a word or follow the previous
/// match directly, so "srt" finds "SoRT…" and "sbn" finds "Sort By Next" but letters picked
/// from the middle of unrelated words do not count. Higher scores are better.
public enum FuzzyMatch {
    public static func score(_ query: String, in candidate: String) -> Int? {
        let q = Array(query.lowercased().filter { $0 != " " })
        if q.isEmpty { return 0 }
        let c = Array(candidate.lowercased())
        guard q.count <= c.count else { return nil }
        let wordStart = c.indices.map { $0 == 0 || !(c[$0 - 1].isLetter || c[$0 - 1].isNumber) }
        // best[qi][ci]: best score matching q[qi...] with q[qi] placed at or after ci, given
        // whether the previous query character matched at ci - 1.
        var memo: [Int: Int?] = [:]
        func best(_ qi: Int, _ ci: Int, _ previous: Int) -> Int? {
            if qi == q.count { return 0 }
            if ci >= c.count { return nil }
            let key = (qi * (c.count + 1) + ci) * (c.count + 2) + (previous + 1)
            if let cached = memo[key] { return cached }
            var result: Int?
            for p in ci..<c.count where c[p] == q[qi] {
                let consecutive = previous >= 0 && p == previous + 1
                guard consecutive || wordStart[p] || qi == 0 && p == 0 else { continue }
                if let rest = best(qi + 1, p + 1, p) {
                    let s = rest + 1 + (consecutive ? 3 : 0) + (wordStart[p] ? 4 : 0)
                    result = max(result ?? s, s)
                }
            }
            memo[key] = result
            return result
        }
        guard let s = best(0, 0, -1) else { return nil }
        return s * 100 - c.count
    }
}
