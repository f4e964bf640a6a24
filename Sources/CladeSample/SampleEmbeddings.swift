/// Synthetic 48-dimensional embeddings that carry the story's geometry: leaves of one parent lean
/// towards the parent's direction, the planted duplicates almost coincide, and the over-broad
/// cluster's intents sit far apart so that k-means with k = 2 separates them.
enum SampleEmbeddings {
    static let dimension = 48
    /// Per-dimension noise around a centre: a question's cosine to its centre is about 0.77.
    static let noise = 0.12
    /// How strongly a leaf leans towards its parent's direction (siblings' cosine ≈ 0.25).
    static let parentPull = 0.5
    /// How far a twin leaf's centre is pushed off its original (cosine ≈ 0.95).
    static let twinOffset = 0.3
    /// How much of the leaf's direction each intent of a multi-intent leaf keeps (intents' cosine ≈ 0.2).
    static let intentPull = 0.45

    struct Centres {
        /// By leaf key: what the leaf's questions are spread around (for several intents, their mean direction).
        var leaf: [String: [Double]] = [:]
        /// By "leaf/intent", only for leaves with several intents.
        var intent: [String: [Double]] = [:]

        func centre(leaf key: String, intent: String) -> [Double]? {
            self.intent["\(key)/\(intent)"] ?? leaf[key]
        }
    }

    static func centres(seed: UInt64) -> Centres {
        var parents: [Int64: [Double]] = [:]
        for parent in SampleStory.parents {
            var rng = SeededRandom(seed: seed, stream: "centre/parent/\(parent.key)")
            parents[parent.id] = randomUnit(using: &rng)
        }
        var centres = Centres()
        // Twins last, so the leaf they copy already has its centre.
        let ordered = SampleStory.leaves.filter { $0.twinOf == nil } + SampleStory.leaves.filter { $0.twinOf != nil }
        for leaf in ordered {
            var rng = SeededRandom(seed: seed, stream: "centre/leaf/\(leaf.key)")
            let own = randomUnit(using: &rng)
            var centre: [Double]
            if let twin = leaf.twinOf, let original = centres.leaf[twin] {
                centre = normalized(add(original, 1, own, twinOffset))
            } else if let parent = leaf.parent.flatMap({ parents[$0] }) {
                centre = normalized(add(parent, parentPull, own, (1 - parentPull * parentPull).squareRoot()))
            } else {
                centre = own
            }
            if leaf.intents.count > 1 {
                var sum = [Double](repeating: 0, count: dimension)
                for intent in leaf.intents {
                    let direction = randomUnit(using: &rng)
                    let c = normalized(add(centre, intentPull, direction, (1 - intentPull * intentPull).squareRoot()))
                    centres.intent["\(leaf.key)/\(intent.key)"] = c
                    sum = add(sum, 1, c, 1)
                }
                centre = normalized(sum)
            }
            centres.leaf[leaf.key] = centre
        }
        return centres
    }

    /// A question's vector: its centre plus Gaussian noise, L2-normalised.
    static func question(around centre: [Double], using rng: inout SeededRandom) -> [Double] {
        normalized(centre.map { $0 + noise * rng.gaussian() })
    }

    static func randomUnit(using rng: inout SeededRandom) -> [Double] {
        normalized((0..<dimension).map { _ in rng.gaussian() })
    }

    static func add(_ a: [Double], _ wa: Double, _ b: [Double], _ wb: Double) -> [Double] {
        zip(a, b).map { wa * $0 + wb * $1 }
    }

    static func normalized(_ v: [Double]) -> [Double] {
        var sum = 0.0
        for x in v { sum += x * x }
        let norm = sum.squareRoot()
        return norm > 0 ? v.map { $0 / norm } : v
    }

    static func cosine(_ a: [Double], _ b: [Double]) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for (x, y) in zip(a, b) {
            dot += x * y
            na += x * x
            nb += y * y
        }
        return na > 0 && nb > 0 ? dot / (na.squareRoot() * nb.squareRoot()) : 0
    }

}
