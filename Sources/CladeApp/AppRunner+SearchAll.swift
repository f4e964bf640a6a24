import CladeCore
import CladeStore
import Foundation

/// Search everywhere runs off the key path; its answer comes back through the inbox and the
/// reducer keeps only the answer to the newest query.
extension AppRunner {
    func searchAll(_ query: SearchAllQuery) {
        let engine = self.engine
        let inbox = self.inbox
        pendingSuggestions += 1
        suggestionGroup.enter()
        DispatchQueue.global(qos: .userInitiated).async { [suggestionGroup] in
            defer { suggestionGroup.leave() }
            do {
                inbox.post(.searchAllResults(try engine.searchAll(query)))
            } catch {
                inbox.post(.searchAllFailed(query, "Search failed: \(error)"))
            }
        }
    }
}
