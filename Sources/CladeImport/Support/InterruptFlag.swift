import Dispatch
import Foundation

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a flag the import polls, so it can stop and
/// remove its temporary file; a second signal kills the process as usual.
public final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var sources: [DispatchSourceSignal] = []

    public init() {}

    public var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    public func raise() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    /// Starts catching SIGINT and SIGTERM.
    public func install() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                self?.raise()
                signal(sig, SIG_DFL)
            }
            source.resume()
            sources.append(source)
        }
    }
}
