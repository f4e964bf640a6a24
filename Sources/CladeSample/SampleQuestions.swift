/// One generated question row, before it gets its id.
struct SampleQuestion {
    var leafID: Int64
    var intent: String
    var text: String
    var capabilities: [(capability: CapabilityKey, confidence: Double)]
    var project: String?
    /// Seconds since the first day of the run, midnight UTC.
    var askedAt: Int
    var relevance: Double?
    var feedback: Int?
    var weight: Double
    var vector: [Double]
    var probability: Double?
    var isRepresentative = false
    var channel: String
    var user: Int
    var sources: Int
    /// Generation order: breaks ties between equal timestamps.
    var sequence: Int

    var metadataJSON: String {
        var fields: [(key: String, value: SampleJSON.Value)] = [("intent", .string(intent))]
        if let project { fields.append(("project", .string(project))) }
        fields.append(("channel", .string(channel)))
        fields.append(("user", .string("u-" + SampleCalendar.pad(user, width: 3))))
        fields.append(("sources", .int(sources)))
        return SampleJSON.object(fields)
    }
}

/// Draws every question of the story, each leaf from its own random streams.
enum SampleQuestions {
    static let representativesPerLeaf = 3
    static let userCount = 140
    private static let channels: [(name: String, weight: Double)] = [("web", 0.6), ("mobile", 0.25), ("teams", 0.15)]
    /// A few heavy users ask most questions.
    private static let userWeights: [Double] = (0..<userCount).map { 1 / Double($0 + 4) }

    /// All questions in the order of their ids (by time asked).
    static func generate(seed: UInt64 = SampleStory.seed) -> [SampleQuestion] {
        let centres = SampleEmbeddings.centres(seed: seed)
        var all: [SampleQuestion] = []
        for leaf in SampleStory.leaves {
            all += questions(of: leaf, centres: centres, seed: seed, firstSequence: all.count)
        }
        all.sort { ($0.askedAt, $0.sequence) < ($1.askedAt, $1.sequence) }
        return all
    }

    private static func questions(of leaf: LeafSpec, centres: SampleEmbeddings.Centres, seed: UInt64, firstSequence: Int) -> [SampleQuestion] {
        var rng = SeededRandom(seed: seed, stream: "questions/\(leaf.key)")
        var vectors = SeededRandom(seed: seed, stream: "vectors/\(leaf.key)")
        let dayWeights = SampleCalendar.dayWeights(weekly: leaf.shape.weekly(weeks: SampleCalendar.weeks))
        let leafCentre = centres.leaf[leaf.key] ?? []
        var out: [SampleQuestion] = []
        for (index, intent) in leaf.intents.enumerated() {
            let count = index == leaf.intents.count - 1
                ? leaf.rows - out.count
                : Int((Double(leaf.rows) * intent.share).rounded())
            var group: [SampleQuestion] = []
            for _ in 0..<count {
                let template = rng.pick(intent.templates)
                let rendered = SampleText.render(template, using: &rng)
                let day = rng.index(weights: dayWeights)
                let hour = rng.index(weights: SampleCalendar.hourWeights)
                let askedAt = SampleCalendar.utcSeconds(day: day, localHour: hour, minute: rng.int(below: 60), second: rng.int(below: 60))
                let relevance = template.retrieves
                    ? rounded(min(0.97, max(0.05, intent.relevance + intent.spread * rng.gaussian())), places: 4)
                    : nil
                let capabilities = rendered.capabilities.map { ($0, rounded(0.7 + 0.29 * rng.unit(), places: 2)) }
                // An outlier has no centre of its own: each one points somewhere else.
                let centre = leaf.isOutlier
                    ? SampleEmbeddings.randomUnit(using: &vectors)
                    : centres.centre(leaf: leaf.key, intent: intent.key) ?? leafCentre
                let vector = SampleEmbeddings.question(around: centre, using: &vectors)
                group.append(SampleQuestion(
                    leafID: leaf.id, intent: intent.key, text: rendered.text, capabilities: capabilities,
                    project: rendered.project, askedAt: askedAt, relevance: relevance, feedback: nil, weight: leaf.weight,
                    vector: vector,
                    probability: leaf.isOutlier ? nil : rounded(SampleEmbeddings.cosine(vector, leafCentre), places: 4),
                    channel: channels[rng.index(weights: channels.map(\.weight))].name,
                    user: rng.index(weights: userWeights) + 1,
                    sources: sources(for: relevance, using: &rng),
                    sequence: firstSequence + out.count + group.count
                ))
            }
            rate(&group, ratedShare: leaf.ratedShare, satisfaction: intent.satisfaction, using: &rng)
            out += group
        }
        markRepresentatives(&out)
        return out
    }

    /// Rates exactly the intended share, and gives the thumbs-up mostly to the better-retrieved answers.
    private static func rate(_ group: inout [SampleQuestion], ratedShare: Double, satisfaction: Double, using rng: inout SeededRandom) {
        let share = ratedShare + 0.03 * (2 * rng.unit() - 1)
        let ratedCount = Int((Double(group.count) * share).rounded())
        var order = Array(group.indices)
        rng.shuffle(&order)
        let rated = order.prefix(ratedCount).map { index in
            (index: index, score: (group[index].relevance ?? 0.4) + 0.15 * rng.gaussian())
        }
        let ranked = rated.sorted { ($0.score, $1.index) > ($1.score, $0.index) }
        let upCount = Int((Double(ratedCount) * satisfaction).rounded())
        for (rank, entry) in ranked.enumerated() {
            group[entry.index].feedback = rank < upCount ? 1 : -1
        }
    }

    private static func markRepresentatives(_ questions: inout [SampleQuestion]) {
        let best = questions.indices
            .filter { questions[$0].probability != nil }
            .sorted { (questions[$0].probability!, questions[$1].sequence) > (questions[$1].probability!, questions[$0].sequence) }
            .prefix(representativesPerLeaf)
        for index in best { questions[index].isRepresentative = true }
    }

    /// How many chunks the answer cited: few when retrieval was poor.
    private static func sources(for relevance: Double?, using rng: inout SeededRandom) -> Int {
        guard let relevance else { return 0 }
        if relevance >= 0.6 { return rng.int(in: 3...5) }
        if relevance >= 0.45 { return rng.int(in: 1...3) }
        return rng.int(in: 0...1)
    }

    static func rounded(_ x: Double, places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (x * scale).rounded() / scale
    }
}
