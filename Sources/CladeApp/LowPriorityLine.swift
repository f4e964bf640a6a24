import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A serial line of work on a thread of its own at a lower scheduling priority (nice +10), for
/// the review queue's analysis: it takes the CPU only when the reviewer's keys and reads leave
/// it free. On a busy 2-core machine, a queue computed at the same priority made every key of
/// the scale benchmark 1.4–1.7× slower than before there was a queue. On Linux the nice value
/// is a thread's own (`setpriority(PRIO_PROCESS, 0, …)` in the thread), so the run loop keeps
/// its priority; GCD's pool threads are shared and are never reniced.
final class LowPriorityLine: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopped = false

    init(name: String, nice: Int32 = 10) {
        let thread = Thread { [condition] in
            #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
            #endif
            while true {
                condition.lock()
                while self.jobs.isEmpty && !self.stopped { condition.wait() }
                if self.jobs.isEmpty { condition.unlock(); return }
                let job = self.jobs.removeFirst()
                condition.unlock()
                job()
            }
        }
        thread.name = name
        // k-means and TF-IDF over large clusters: the stack GCD's threads have.
        thread.stackSize = 8 << 20
        thread.start()
    }

    func async(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// The thread ends once the jobs already given have run.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }
}
