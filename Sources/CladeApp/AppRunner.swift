import CladeCore
import CladeStore
import CladeTerminal
import CladeUI
import Foundation

/// The run loop: the one place where state, store and terminal meet.
/// event → `Reducer.reduce` → effects run against the store → results back as actions → `render` → `present`.
public final class AppRunner {
    public internal(set) var state: AppState
    /// Replaced when another program replaces the file (see `AppRunner+Watch.swift`).
    public internal(set) var database: AppDatabase
    var decisions: DecisionStore
    let backend: any TerminalBackend
    public var theme: Theme
    let inbox = Inbox()
    var engine: CurationEngine
    /// What the last load read, so that a decision reloads only what it changed.
    let loadCache: LoadCache
    /// Outside changes, a write waiting for the lock, how the session ends (`AppRunner+Watch.swift`).
    var watch = SessionWatch()
    /// The running background job (a suggested split), if any.
    var job: CancellationFlag?
    let jobGroup = DispatchGroup()
    /// Pages of questions, charts, dialog suggestions and the review queue, off the key path.
    let reads = BackgroundReads()

    /// Work whose answer the screen is waiting for (the loop then looks for it often).
    var awaitingBackground: Bool { job != nil || reads.pending > 0 }

    /// `loaded`: the dataset already read with `cache` (a first open reads it off the terminal's
    /// thread while a progress screen shows).
    public init(database: AppDatabase, backend: any TerminalBackend, theme: Theme, reviewer: String = AppRunner.defaultReviewer,
                loaded: (dataset: Dataset, cache: LoadCache)? = nil, computesQueue: Bool = true) throws {
        self.computesQueue = computesQueue
        loadCache = loaded?.cache ?? LoadCache()
        self.database = database
        self.backend = backend
        self.theme = theme
        decisions = DecisionStore(app: database, reviewer: reviewer)
        engine = CurationEngine(app: database)
        let size = backend.size
        state = AppState(dataset: try loaded?.dataset ?? DatasetLoader.load(database, reusing: loadCache), width: size.width, height: size.height)
        state.highContrast = theme.highContrast
        perform(Reducer.start(&state))
        offerCarryForward()
        refreshHistory()
        startWatching()
    }

    /// `$USER`, `$LOGNAME`, else the account's name (see `ReviewerName`).
    public static var defaultReviewer: String { ReviewerName.resolve() }

    /// Runs until the reviewer quits or the terminal sends a termination signal.
    public func run() {
        backend.present(frame())
        while !state.quitting {
            let event = backend.nextEvent(timeoutMs: awaitingBackground ? 10 : 250)
            var changed = false
            if let event {
                handle(event)
                changed = true
                // Keys already waiting (a paste, fast typing, a held key) are handled before the
                // next frame, so the screen never lags behind the keyboard.
                var burst = 0
                while burst < 256, !state.quitting, let next = backend.nextEvent(timeoutMs: 0) {
                    handle(next)
                    burst += 1
                }
            }
            changed = deliverBackgroundResults() || changed
            changed = tick() || changed
            if changed, !state.quitting { backend.present(frame()) }
        }
        job?.cancel()
        finishPendingWrite()
    }

    /// Feeds every queued event of a scripted backend, presenting a frame after each; for tests
    /// and benchmarks. Background reads and suggestions are waited for before the next key (as a
    /// person reads a screen before the next key), unless `waitForBackground` is false; a split
    /// running in the background is waited for when the keys run out.
    public func drain(maxEvents: Int = 10_000, waitForBackground: Bool = true) {
        backend.present(frame())
        var n = 0
        while !state.quitting, n < maxEvents {
            if waitForBackground { settle() }
            if let event = backend.nextEvent(timeoutMs: 0) {
                handle(event)
            } else if job != nil {
                jobGroup.wait()
            } else if waitForBackground, (settlesAnalysis ? reads.pending : reads.pendingOutsideAnalysis) > 0 {
                settle()
            } else if !deliverBackgroundResults() {
                break
            }
            _ = deliverBackgroundResults()
            backend.present(frame())
            n += 1
        }
    }

    /// Before the database closes: background work is stopped (not waited for to the end), so
    /// quitting is prompt and the closing checkpoint finds no reader in its way.
    public func shutDown() {
        job?.cancel()
        reads.cancelAll(waitingAtMost: 2)
    }

    /// Whether `settle` (and `drain`) wait for the review queue's analysis too: the golden
    /// screens show the queue computed; a benchmark of keys and decisions sets it false, since
    /// it measures what the reviewer waits for, and nobody waits for the queue.
    public var settlesAnalysis = true

    /// Whether the review queue is computed at all: only the scale benchmark's `--no-queue` turns
    /// it off, to compare keys and decisions with builds from before there was a queue.
    public private(set) var computesQueue = true

    /// Waits until the reads and suggestions asked for have answered, and shows their answers.
    public func settle() {
        if !settlesAnalysis {
            while reads.pendingOutsideAnalysis > 0 {
                reads.foreground.wait()
                if deliverBackgroundResults() { backend.present(frame()) }
            }
            return
        }
        while reads.pending > 0 {
            reads.group.wait()
            if deliverBackgroundResults() { backend.present(frame()) }
        }
    }

    public func frame() -> Screen {
        let screen = render(state, theme: theme)
        lastFrame = screen
        return screen
    }

    /// The last frame rendered, for a notice drawn over it (`renderFooter`).
    var lastFrame: Screen?

    public func send(_ action: Action) {
        perform(Reducer.reduce(&state, action))
    }

    func handle(_ event: InputEvent) {
        switch event {
        case .key(let key): send(.key(key))
        case .resize(let w, let h): send(.resize(width: w, height: h))
        case .interrupt(let signal):
            watch.exitSignal = signal
            send(.run(.quit))
        case .resumed: backend.forceRedraw()
        case .mouse(let event): send(.mouse(event))
        }
    }

    @discardableResult
    func deliverBackgroundResults() -> Bool {
        let actions = inbox.drain()
        for action in actions {
            switch action {
            case .splitReady, .splitFailed: job = nil
            default: break
            }
            send(action)
        }
        return !actions.isEmpty
    }

    func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .loadQuestions(let query):
                reads.loadQuestions(query, from: database, into: inbox)
            case .loadCharts(let query):
                reads.loadCharts(query, from: database, into: inbox)
            case .setHighContrast(let on):
                theme = theme.withHighContrast(on)
                backend.theme = theme
            case .commit, .undo, .redo:
                write(effect)
            case .carryForward:
                carryForward()
            case .loadSuggestions(let purpose):
                // The dialog says it is looking (`dialog.loading`) until they come; typing goes on.
                reads.loadSuggestions(purpose, dataset: state.dataset, engine: engine, into: inbox)
            case .suggestSplit(let cluster, let members, let k):
                startSplit(cluster: cluster, members: members, k: k)
            case .cancelSplit:
                job?.cancel()
                job = nil
            case .redraw:
                backend.forceRedraw()
            case .suspend:
                backend.suspend()
            case .searchAll(let query):
                reads.searchAll(query, engine: engine, into: inbox)
            case .editText(let text):
                send(.editorFinished(editExternally(text)))
            case .loadQuestionDetail(let id):
                send(.questionDetailLoaded(try? QuestionReads.detail(database, id)))
            case .copy(let text, let what):
                copy(text, what: what)
            case .quit:
                job?.cancel()
            case .writeFile(let request): writeFile(request)
            case .computeQueue(let request):
                if computesQueue { reads.computeQueue(request, dataset: state.dataset, engine: engine, into: inbox) }
            case .prepareQueueProposal(let proposal):
                reads.prepare(proposal, dataset: state.dataset, engine: engine, into: inbox)
            case .skipQueueProposal(let run, let key, let title, let skipped):
                rememberSkip(run: run, key: key, title: title, skipped: skipped)
            }
        }
    }

    func refreshHistory() {
        if let h = try? DecisionLog.undoRedo(database) { send(.historyChanged(undo: h.undo, redo: h.redo)) }
    }

    func startSplit(cluster: ClusterID, members: [ClusterID], k: Int?) {
        job?.cancel()
        let flag = CancellationFlag()
        job = flag
        let inbox = self.inbox
        let engine = self.engine
        let dataset = state.dataset
        jobGroup.enter()
        DispatchQueue.global(qos: .userInitiated).async { [jobGroup] in
            defer { jobGroup.leave() }
            // Progress at most every 50 ms (or on a new phase): each report redraws the screen,
            // and k-means reports every iteration.
            var last: (at: DispatchTime, phase: String)?
            let result = engine.suggestSplit(cluster: cluster, memberIDs: members, k: k, in: dataset, isCancelled: { flag.isCancelled }) { fraction, phase in
                let now = DispatchTime.now()
                if let last, last.phase == phase, now.uptimeNanoseconds - last.at.uptimeNanoseconds < 50_000_000, fraction < 1 { return }
                last = (now, phase)
                inbox.post(.splitProgress(fraction: fraction, phase: phase))
            }
            guard !flag.isCancelled else { return }
            switch result {
            case .success(let proposal): inbox.post(.splitReady(proposal))
            case .failure(let error): inbox.post(.splitFailed(error.description))
            }
        }
    }
}
