import CladeApp
import CladeCore
import CladeStore
import CladeTerminal
import CladeUI
import Foundation

/// Opening a file off the terminal's thread: validation, migration, the statistics (a first open
/// reads every question) and the first load run in the background. A file that opens at once
/// opens as before; one that takes longer gets the terminal and a progress screen, where `q` or
/// Ctrl-C quits, and keys typed meanwhile are kept for the session.
final class FirstOpen: @unchecked Sendable {
    enum Outcome {
        case opened(AppDatabase, loaded: (dataset: Dataset, cache: LoadCache))
        case failed(Error)
    }

    /// How long opening may take before the progress screen shows.
    static let quietPeriod = 0.15
    /// How long opening waits for another program's lock: a year, i.e. until it is free or the
    /// reviewer quits (the progress screen shows from `quietPeriod` on, with q).
    static let lockWait = 365.0 * 24 * 3600

    private let lock = NSLock()
    private var outcome: Outcome?
    private var waitingNotice: String?
    private let done = DispatchSemaphore(value: 0)
    private let started = DispatchTime.now()

    init(open: @escaping @Sendable (_ onWait: @escaping @Sendable (String) -> Void) throws -> AppDatabase) {
        let thread = Thread { [self] in
            let result: Outcome
            do {
                let app = try open { notice in self.set(notice: notice) }
                let cache = LoadCache()
                result = .opened(app, loaded: (try DatasetLoader.load(app, reusing: cache), cache))
            } catch {
                result = .failed(error)
            }
            lock.lock()
            outcome = result
            lock.unlock()
            done.signal()
        }
        // Deep hierarchies are walked iteratively, but SQLite and the loader still like room.
        thread.stackSize = 16 << 20
        thread.start()
    }

    private func set(notice: String) {
        lock.lock()
        waitingNotice = notice
        lock.unlock()
    }

    /// The outcome if it came within `seconds`.
    func wait(seconds: Double) -> Outcome? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        done.signal()
        lock.lock()
        defer { lock.unlock() }
        return outcome
    }

    /// Shows progress on `backend` until the outcome arrives; nil when the reviewer quit
    /// (`signal`: the termination signal that asked, if any). Keys other than q are kept in `typed`.
    func show(on backend: NcursesBackend, path: String, typed: inout [InputEvent], signal: inout Int32?) -> Outcome? {
        var shownAt = -1.0
        while true {
            if let outcome = wait(seconds: 0) { return outcome }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            if elapsed - shownAt >= 0.1 {
                backend.present(frame(size: backend.size, path: path, elapsed: elapsed))
                shownAt = elapsed
            }
            guard let event = backend.nextEvent(timeoutMs: 50) else { continue }
            switch event {
            case .key(.char("q")), .key(.ctrl("c")): return nil
            case .interrupt(let number):
                signal = number
                return nil
            case .resize, .resumed: backend.forceRedraw()
            case .key: typed.append(event)
            case .mouse: break  // nothing on screen to click yet
            }
        }
    }

    func frame(size: Size, path: String, elapsed: Double) -> Screen {
        var screen = Screen(size: size)
        let (read, total) = ScanProgress.shared.snapshot
        lock.lock()
        let notice = waitingNotice
        lock.unlock()
        var lines = ["Opening \((path as NSString).lastPathComponent)"]
        if let notice {
            lines.append(notice)
        } else if total > 0, read < total {
            lines.append("First open: checking and summing \(Format.count(total)) questions — \(Format.count(read)) (\(read * 100 / max(1, total))%)")
            lines.append(Self.bar(fraction: Double(read) / Double(max(1, total)), width: min(60, size.width - 4)))
        } else if total > 0 {
            lines.append("First open: \(Format.count(total)) questions checked; saving the figures and drawing the clusters…")
        } else {
            lines.append("Checking the file and reading its clusters…")
        }
        lines.append(String(format: "%.1f s", elapsed))
        lines.append("")
        lines.append("q quits")
        let top = max(0, size.height / 2 - lines.count / 2)
        for (i, line) in lines.enumerated() where top + i < size.height {
            screen.put(line, x: 2, y: top + i, maxWidth: max(1, size.width - 4))
        }
        return screen
    }

    static func bar(fraction: Double, width: Int) -> String {
        let width = max(4, width)
        let filled = Int((Double(width) * min(1, max(0, fraction))).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }
}
