import Foundation

/// How far the pass over a new file's questions has got, for the first open's progress screen:
/// `RunScan` counts the questions it read (from either connection), the screen reads the
/// count from the run loop's thread.
public final class ScanProgress: @unchecked Sendable {
    /// The one a process shows (the first open of the file under review).
    public static let shared = ScanProgress()

    private let lock = NSLock()
    private var read = 0
    private var total = 0

    public init() {}

    /// Questions read so far, and how many the file holds (0 before the pass starts).
    public var snapshot: (read: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (min(read, total), total)
    }

    func start(total: Int) {
        lock.lock()
        read = 0
        self.total = total
        lock.unlock()
    }

    func add(_ questions: Int) {
        lock.lock()
        read += questions
        lock.unlock()
    }

    /// Reported every this many questions.
    static let step = 16_384
}
