import CladeCore
import CladeStore
import CladeTerminal
import CladeUI

/// The run loop: the one place where state, store and terminal meet.
/// event → `Reducer.reduce` → effects run against the store → results back as actions → `render` → `present`.
public final class AppRunner {
    public private(set) var state: AppState
    public let database: AppDatabase
    let backend: any TerminalBackend
    public var theme: Theme
    /// Milliseconds the loop waits for input before polling for signals and background results.
    let pollInterval: Int32 = 250

    public init(database: AppDatabase, backend: any TerminalBackend, theme: Theme) throws {
        self.database = database
        self.backend = backend
        self.theme = theme
        let size = backend.size
        state = AppState(dataset: try DatasetLoader.load(database), width: size.width, height: size.height)
        perform(Reducer.start(&state))
    }

    /// Runs until the reviewer quits or the terminal sends a termination signal.
    public func run() {
        backend.present(frame())
        while !state.quitting {
            guard let event = backend.nextEvent(timeoutMs: pollInterval) else { continue }
            handle(event)
            if !state.quitting { backend.present(frame()) }
        }
    }

    /// Feeds every queued event of a scripted backend, presenting a frame after each; for tests.
    public func drain(maxEvents: Int = 10_000) {
        backend.present(frame())
        var n = 0
        while !state.quitting, n < maxEvents, let event = backend.nextEvent(timeoutMs: 0) {
            handle(event)
            backend.present(frame())
            n += 1
        }
    }

    public func frame() -> Screen { render(state, theme: theme) }

    public func send(_ action: Action) {
        perform(Reducer.reduce(&state, action))
    }

    func handle(_ event: InputEvent) {
        switch event {
        case .key(let key): send(.key(key))
        case .resize(let w, let h): send(.resize(width: w, height: h))
        case .interrupt:
            send(.run(.quit))
        case .resumed:
            backend.forceRedraw()
        }
    }

    func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .loadQuestions(let query):
                do {
                    send(.questionsLoaded(try QuestionReads.page(database, query)))
                } catch {
                    send(.failed("Could not read the questions: \(error)"))
                }
            case .redraw:
                backend.forceRedraw()
            case .suspend:
                backend.suspend()
            case .quit:
                break
            }
        }
    }
}
