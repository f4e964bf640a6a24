import CladeCore
import CladeStore
import Foundation

/// Work the run loop hands off so that no key waits for it: pages of questions (sorting a
/// cluster of 100,000 questions takes a few hundred milliseconds at a million), charts, a
/// dialog's suggestions and the review queue, each kind on its own serial line. A request asked
/// for later (another cluster, order or filter, a reload after a decision) makes every earlier
/// one of its kind stale, and those are skipped (a running queue computation is cancelled), so
/// holding `j` over a thousand clusters reads one page, not a thousand. What is in flight is
/// also state (`questions.loading`, `dialog.loading`, `queue.phase`): the answers come back as
/// actions through the inbox.
final class BackgroundReads: @unchecked Sendable {
    private let queue = DispatchQueue(label: "clade.background-reads", qos: .userInitiated)
    /// The review queue takes seconds on a large run: it has its own line, so pages of
    /// questions and charts never wait behind it.
    /// At a lower priority than the run loop (`LowPriorityLine`).
    private let analysis = LowPriorityLine(name: "clade.background-analysis")
    /// A dialog's suggestions (a relabel on a 100k-question cluster reads thousands of texts).
    private let suggesting = DispatchQueue(label: "clade.background-suggestions", qos: .userInitiated)
    private let lock = NSLock()
    private var requested = 0
    private var latestFirstPage = 0
    private var latestCharts = 0
    private var latestQueue = 0
    private var latestPrepare = 0
    private var latestSuggestions = 0
    private var latestSearch = 0
    /// The last review queue computed, kept for working out a proposal's decisions (its parts'
    /// centres live in its vector space: embeddings, or its TF-IDF vocabulary).
    private var lastQueue: CurationEngine.Queue?
    private var outstanding = 0
    private var outstandingOutsideAnalysis = 0
    /// Left when every request has been answered or skipped.
    let group = DispatchGroup()
    /// Left when every request but the review queue's analysis has been answered or skipped.
    let foreground = DispatchGroup()

    /// Requests other than the analysis not yet answered: what a screen waits for, where the
    /// review queue only fills in later.
    var pendingOutsideAnalysis: Int {
        lock.lock()
        defer { lock.unlock() }
        return outstandingOutsideAnalysis
    }

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

    /// Suggestions for an open dialog; only the latest dialog's are computed (one dialog is open
    /// at a time, and the reducer drops suggestions for a dialog no longer open).
    func loadSuggestions(_ purpose: Dialog.Purpose, dataset: Dataset, engine: CurationEngine, into inbox: Inbox) {
        submit(on: suggesting, register: { [self] in latestSuggestions = $0 }, isStale: { [self] in $0 < latestSuggestions }) { _ in
            inbox.post(.suggestionsLoaded(purpose, engine.suggestions(for: purpose, in: dataset)))
        }
    }

    /// Search everywhere: every question of the run, off the key path; a newer query makes an
    /// unstarted older one stale (the reducer also keeps only the newest query's answer).
    func searchAll(_ query: SearchAllQuery, engine: CurationEngine, into inbox: Inbox) {
        submit(on: suggesting, register: { [self] in latestSearch = $0 }, isStale: { [self] in $0 < latestSearch }) { _ in
            do {
                inbox.post(.searchAllResults(try engine.searchAll(query)))
            } catch {
                inbox.post(.searchAllFailed(query, "Search failed: \(error)"))
            }
        }
    }

    /// The review queue of `dataset` (state's request `request`), with the run's skips. A later
    /// request makes this one stale: skipped if not started, cancelled if running.
    func computeQueue(_ request: Int, dataset: Dataset, engine: CurationEngine, into inbox: Inbox) {
        submitAnalysis(register: { [self] in latestQueue = $0 }, isStale: { [self] in $0 < latestQueue }) { [self] generation in
            let control = AnalysisControl(isCancelled: { [self] in isStale(generation, latest: \.latestQueue) })
            do {
                // The first proposals (those that need only centres) and each re-cut checked are
                // shown as they come; the skips are read with each, as `x` may be pressed meanwhile.
                // The engine's cache keeps each cluster's sample: a decision re-reads only the
                // clusters it changed.
                let computed = try engine.reviewQueue(in: dataset, control: control, cache: engine.queueCache) { [self] known, progress in
                    guard !progress.isComplete, !isStale(generation, latest: \.latestQueue),
                          let skipped = try? QueueSkips.load(engine.app, run: dataset.runID) else { return }
                    lock.lock()
                    lastQueue = known
                    lock.unlock()
                    inbox.post(.queuePartial(request: request, proposals: known.proposals, basis: known.basis, skipped: skipped, progress: progress))
                }
                let skipped = try QueueSkips.load(engine.app, run: dataset.runID)
                lock.lock()
                lastQueue = computed
                lock.unlock()
                inbox.post(.queueLoaded(request: request, proposals: computed.proposals, basis: computed.basis, skipped: skipped))
            } catch AnalysisError.cancelled {
                // A later request replaces it: its answer is the one the screen waits for.
            } catch {
                inbox.post(.queueFailed(request: request, "\(error)"))
            }
        }
    }

    /// The decisions accepting `proposal` makes, on every question of its clusters.
    func prepare(_ proposal: QueueProposal, dataset: Dataset, engine: CurationEngine, into inbox: Inbox) {
        // The reviewer waits for this one (Enter on a proposal), and a proposal of a partial answer
        // is worked out while the rest of the queue is computed: not behind the analysis line.
        submit(on: suggesting, register: { [self] in latestPrepare = $0 }, isStale: { [self] in $0 < latestPrepare }) { [self] _ in
            lock.lock()
            let queue = lastQueue
            lock.unlock()
            guard let queue, queue.proposals.contains(where: { $0.key == proposal.key }) else {
                inbox.post(.queuePrepareFailed(key: proposal.key, "The queue changed since: pick the proposal again"))
                return
            }
            do {
                inbox.post(.queuePrepared(key: proposal.key, try engine.decisions(accepting: proposal, of: queue, in: dataset)))
            } catch {
                inbox.post(.queuePrepareFailed(key: proposal.key, "Could not work out the proposal: \(error)"))
            }
        }
    }

    /// Quitting: every request made so far is stale, so a running queue computation stops at
    /// its next check; waits at most `seconds` for what is running to end (a reader still in a
    /// transaction would hold up the checkpoint that puts the review into the file).
    func cancelAll(waitingAtMost seconds: Double) {
        lock.lock()
        requested += 1
        (latestFirstPage, latestCharts, latestQueue, latestPrepare, latestSuggestions, latestSearch) =
            (requested, requested, requested, requested, requested, requested)
        lock.unlock()
        _ = group.wait(timeout: .now() + seconds)
    }

    private func isStale(_ generation: Int, latest: KeyPath<BackgroundReads, Int>) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return generation < self[keyPath: latest]
    }

    private func submit(register: (Int) -> Void, isStale: @escaping @Sendable (Int) -> Bool, read: @escaping @Sendable () -> Void) {
        submit(on: queue, register: register, isStale: isStale) { _ in read() }
    }

    deinit { analysis.stop() }

    private func submit(on line: DispatchQueue, register: (Int) -> Void, isStale: @escaping @Sendable (Int) -> Bool, read: @escaping @Sendable (Int) -> Void) {
        enqueue(inForeground: true, on: { line.async(execute: $0) }, register: register, isStale: isStale, read: read)
    }

    private func submitAnalysis(register: (Int) -> Void, isStale: @escaping @Sendable (Int) -> Bool, read: @escaping @Sendable (Int) -> Void) {
        enqueue(inForeground: false, on: { [analysis] in analysis.async($0) }, register: register, isStale: isStale, read: read)
    }

    /// Numbers a request, counts it as outstanding until it is answered or skipped, and runs
    /// `read` on `line` unless a later request has made it stale. `register` and `isStale`
    /// run under the lock.
    private func enqueue(inForeground: Bool, on line: (@escaping @Sendable () -> Void) -> Void, register: (Int) -> Void,
                         isStale: @escaping @Sendable (Int) -> Bool, read: @escaping @Sendable (Int) -> Void) {
        lock.lock()
        requested += 1
        let generation = requested
        register(generation)
        outstanding += 1
        if inForeground { outstandingOutsideAnalysis += 1 }
        lock.unlock()
        group.enter()
        if inForeground { foreground.enter() }
        line { [self] in
            defer {
                lock.lock()
                outstanding -= 1
                if inForeground { outstandingOutsideAnalysis -= 1 }
                lock.unlock()
                if inForeground { foreground.leave() }
                group.leave()
            }
            lock.lock()
            let stale = isStale(generation)
            lock.unlock()
            guard !stale else { return }
            read(generation)
        }
    }
}
