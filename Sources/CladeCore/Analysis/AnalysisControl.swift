/// Why an analysis stopped early.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The caller's cancellation closure returned true.
    case cancelled
    /// The input cannot be analysed as asked (e.g. more clusters than points).
    case invalidInput(String)

    public var description: String {
        switch self {
        case .cancelled: "cancelled"
        case .invalidInput(let message): message
        }
    }
}

/// How far a long computation has got.
public struct AnalysisProgress: Equatable, Sendable {
    /// What is running, for display: "k-means k=40", "choosing k".
    public var stage: String
    public var completed: Int
    public var total: Int

    public init(stage: String, completed: Int, total: Int) {
        self.stage = stage
        self.completed = completed
        self.total = total
    }

    /// completed / total, in 0–1.
    public var fraction: Double { total > 0 ? min(1, max(0, Double(completed) / Double(total))) : 0 }
}

/// The caller's hooks into a long computation: where to report progress and how to ask it to stop.
///
/// Both closures are called synchronously on the computing thread; `isCancelled` is polled
/// between steps (at least once per k-means iteration) and makes the computation throw
/// `AnalysisError.cancelled`. To cancel from another thread, read a thread-safe flag in it.
public struct AnalysisControl {
    public var progress: (AnalysisProgress) -> Void
    public var isCancelled: () -> Bool

    public init(progress: @escaping (AnalysisProgress) -> Void = { _ in }, isCancelled: @escaping () -> Bool = { false }) {
        self.progress = progress
        self.isCancelled = isCancelled
    }

    /// No progress reports, never cancelled.
    public static var none: AnalysisControl { AnalysisControl() }

    public func checkCancellation() throws(AnalysisError) {
        if isCancelled() { throw .cancelled }
    }

    func report(_ stage: String, _ completed: Int, _ total: Int) {
        progress(AnalysisProgress(stage: stage, completed: completed, total: total))
    }
}
