/// Turns a template into a question as a user would type it.
enum SampleText {
    struct Rendered {
        var text: String
        var capabilities: [CapabilityKey]
        /// The project the question names, if any (kept in the question's metadata).
        var project: String?
    }

    /// Slots whose filler alone means the question needs a capability.
    static let slotCapabilities: [String: CapabilityKey] = [
        "reldate": .relativeDates, "soon": .relativeDates, "range": .dateRanges, "fy": .fiscalYear, "fy2": .fiscalYear,
    ]

    static func render(_ template: Template, using rng: inout SeededRandom) -> Rendered {
        var capabilities = template.capabilities
        var used: [(slot: String, value: String)] = []
        var text = ""
        var slot: String?
        for character in template.text {
            if character == "{" {
                slot = ""
            } else if character == "}", let name = slot {
                let value = fill(name, avoiding: used, using: &rng)
                used.append((name, value))
                if let capability = slotCapabilities[name], !capabilities.contains(capability) {
                    capabilities.append(capability)
                }
                text += value
                slot = nil
            } else if slot != nil {
                slot!.append(character)
            } else {
                text.append(character)
            }
        }
        let project = used.first { $0.slot == "project" }?.value
        capabilities.sort { $0.rawValue < $1.rawValue }
        if template.retrieves { text = vary(text, using: &rng) }
        return Rendered(text: text, capabilities: capabilities, project: project)
    }

    /// `{x2}` takes a value of `{x}` different from the one already used.
    private static func fill(_ name: String, avoiding used: [(slot: String, value: String)], using rng: inout SeededRandom) -> String {
        guard name.hasSuffix("2") else {
            return SampleFillers.value(for: name, using: &rng) ?? name
        }
        let base = String(name.dropLast())
        let taken = used.first { $0.slot == base }?.value
        var value = SampleFillers.value(for: base, using: &rng) ?? base
        var attempts = 0
        while value == taken, attempts < 20 {
            value = SampleFillers.value(for: base, using: &rng) ?? base
            attempts += 1
        }
        return value
    }

    private static let prefixes = ["hey ", "quick q: ", "hi, ", "ok so ", "question: "]
    private static let suffixes = [" thanks", " thx", " asap", " pls", " (urgent)"]
    private static let emoji = [" 🙏", " 👍"]

    /// Casing, punctuation, greetings and the odd typo.
    static func vary(_ input: String, using rng: inout SeededRandom) -> String {
        var text = input
        if rng.chance(0.05) { text = rng.pick(prefixes) + text }
        if rng.chance(0.04) { text += rng.pick(suffixes) }
        if rng.chance(0.004) { text += rng.pick(emoji) }
        if rng.chance(0.22) {
            text = text.lowercased()
        } else if rng.chance(0.5), let first = text.first, first.isLowercase {
            text = first.uppercased() + text.dropFirst()
        }
        if text.hasSuffix("?"), rng.chance(0.3) { text.removeLast() }
        if rng.chance(0.05) { text = typo(in: text, using: &rng) }
        return text
    }

    /// Swaps two neighbouring letters inside one longer, plain ASCII word.
    private static func typo(in text: String, using rng: inout SeededRandom) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map { Array($0) }
        let candidates = words.indices.filter { i in
            words[i].count >= 5 && words[i].allSatisfy { $0.isASCII && $0.isLetter }
        }
        guard !candidates.isEmpty else { return text }
        let w = rng.pick(candidates)
        let i = rng.int(in: 1...(words[w].count - 3))
        words[w].swapAt(i, i + 1)
        return words.map { String($0) }.joined(separator: " ")
    }
}
