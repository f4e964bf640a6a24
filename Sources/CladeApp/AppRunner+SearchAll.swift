import CladeCore

/// Search everywhere runs off the key path, through the background reads; its answer comes back
/// through the inbox and the reducer keeps only the answer to the newest query.
extension AppRunner {
    func searchAll(_ query: SearchAllQuery) {
        reads.searchAll(query, engine: engine, into: inbox)
    }
}
