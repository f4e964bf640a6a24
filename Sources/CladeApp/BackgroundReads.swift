import CladeCore
import CladeStore
import Foundation

/// Reads the run loop hands off so that no key waits for them: pages of questions (sorting a
/// cluster of 100,000 questions takes a few hundred milliseconds at a million). One serial
/// queue; a first page asked for later (another cluster, order or filter, or a reload after a
/// decision) makes every earlier request stale, and those are skipped, so holding `j` over a
/// thousand clusters reads one page, not a thousand.
final class BackgroundReads: @unchecked Sendable {
    private let queue = DispatchQueue(label: "clade.background-reads", qos: .userInitiated)
    private let lock = NSLock()
    private var requested = 0
    private var latestFirstPage = 0
    private var latestCharts = 0
    private var outstanding = 0
    /// Left when every request has been answered or skipped.
    let group = DispatchGroup()

    /// Requests not yet answered (their answers are posted to the inbox before this drops).
    var pending: Int {
        lock.lock()
        defer { lock.unlock() }
        return outstanding
    }

    func loadQuestions(_ query: QuestionQuery, from database: AppDatabase, into inbox: Inbox) {
        submit(register: { [self] in if query.offset == 0 { latestFirstPage = $0 } }, isStale: { [self] in $0 < latestFirstPage }) {
            do {
                inbox.post(.questionsLoaded(try QuestionReads.page(database, query)))
            } catch {
                inbox.post(.failed("Could not read the questions: \(error)"))
            }
        }
    }

    /// The selected cluster's charts (a scan of its questions' dates and relevance), read here
    /// rather than on the key that asked for them; only the latest request is read.
    func loadCharts(_ query: ChartQuery, from database: AppDatabase, into inbox: Inbox) {
        submit(register: { [self] in latestCharts = $0 }, isStale: { [self] in $0 < latestCharts }) {
            do {
                inbox.post(.chartsLoaded(try ChartReads.charts(database, query)))
            } catch {
                inbox.post(.failed("Could not read the charts: \(error)"))
            }
        }
    }

    /// Numbers a request, counts it as outstanding until it is answered or skipped, and runs
    /// `read` on the queue unless a later request has made it stale. `register` and `isStale`
    /// run under the lock.
    private func submit(register: (Int) -> Void, isStale: @escaping @Sendable (Int) -> Bool, read: @escaping @Sendable () -> Void) {
        lock.lock()
        requested += 1
        let generation = requested
        register(generation)
        outstanding += 1
        lock.unlock()
        group.enter()
        queue.async { [self] in
            defer {
                lock.lock()
                outstanding -= 1
                lock.unlock()
                group.leave()
            }
            lock.lock()
            let stale = isStale(generation)
            lock.unlock()
            guard !stale else { return }
            read()
        }
    }
}
