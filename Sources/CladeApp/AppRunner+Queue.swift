import CladeCore
import CladeStore

extension AppRunner {
    /// Writes a skip of the review queue (`x`), a small row of Clade's own; on a failure the
    /// skip is undone on screen, so the screen never shows what the file does not hold.
    func rememberSkip(run: RunID, key: String, title: String, skipped: Bool) {
        do {
            try QueueSkips.set(database, run: run, key: key, title: title, skipped: skipped)
        } catch {
            send(.queueSkipFailed(key: key, skipped: skipped, "\(error)"))
        }
    }
}
