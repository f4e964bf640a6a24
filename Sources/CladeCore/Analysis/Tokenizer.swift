/// Splits text into lower-case word tokens for TF-IDF and keyword extraction.
///
/// A token is a run of letters and digits; apostrophes inside a word are dropped so that
/// "hasn't" becomes "hasnt" (one token, matched by the stop word list) instead of "hasn" + "t".
public struct Tokenizer: Sendable {
    public var stopWords: Set<String>
    /// Shorter tokens are dropped.
    public var minimumLength: Int
    /// Whether tokens made only of digits are kept.
    public var keepNumbers: Bool

    public init(stopWords: Set<String> = StopWords.english, minimumLength: Int = 2, keepNumbers: Bool = false) {
        self.stopWords = stopWords
        self.minimumLength = minimumLength
        self.keepNumbers = keepNumbers
    }

    /// English stop words, tokens of two or more characters, no bare numbers.
    public static let english = Tokenizer()

    public func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        var allDigits = true

        func flush() {
            defer {
                current = String.UnicodeScalarView()
                allDigits = true
            }
            guard current.count >= minimumLength else { return }
            if allDigits && !keepNumbers { return }
            let token = String(current)
            if !stopWords.contains(token) { out.append(token) }
        }

        for scalar in text.lowercased().unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic {
                current.append(scalar)
                allDigits = false
            } else if properties.numericType != nil {
                current.append(scalar)
            } else if (scalar == "'" || scalar == "\u{2019}") && !current.isEmpty {
                continue
            } else if !current.isEmpty {
                flush()
            }
        }
        if !current.isEmpty { flush() }
        return out
    }
}
