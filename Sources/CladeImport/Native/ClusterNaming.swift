/// Readable names and descriptions for clusters found by Clade or read from other tools.
public enum ClusterNaming {
    public static let separator = " · "

    /// "card · arrived · week" from the first `words` keywords; a name already taken gets more
    /// keywords, then a number. A cluster without keywords is "cluster N".
    public static func uniqueNames(_ keywords: [[String]], words: Int) -> [String] {
        var taken: Set<String> = []
        return keywords.enumerated().map { index, terms in
            var name = terms.isEmpty ? "cluster \(index + 1)" : terms.prefix(words).joined(separator: separator)
            var extra = words
            while taken.contains(name) && extra < terms.count {
                extra += 1
                name = terms.prefix(extra).joined(separator: separator)
            }
            let base = name
            var n = 2
            while taken.contains(name) {
                name = "\(base) (\(n))"
                n += 1
            }
            taken.insert(name)
            return name
        }
    }

    /// The first `count` texts that differ after case-folding and collapsing whitespace.
    public static func distinct(_ texts: [String], count: Int) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for t in texts where out.count < count {
            let key = t.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if seen.insert(key).inserted { out.append(t) }
        }
        return out
    }

    /// "“Where is my card?” · “Is my card coming?”": quoted examples, each on one line and at most
    /// `limit` characters.
    public static func description(quoting texts: [String], limit: Int = 120) -> String {
        texts.map { text in
            let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingWhitespace()
            let short = flat.count > limit ? String(flat.prefix(limit - 1)).trimmingWhitespace() + "…" : flat
            return "“\(short)”"
        }.joined(separator: separator)
    }
}
