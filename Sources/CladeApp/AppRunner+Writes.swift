import CladeCore
import CladeStore
import CladeUI
import Foundation

/// A decision the database could not take yet: another program holds the write lock.
struct PendingWrite {
    var effect: Effect
    var attempts: Int
    var nextTry: ContinuousClock.Instant

    /// "your decision (set reviewed)", for notices.
    var noun: String {
        switch effect {
        case .commit(let request): "your decision (\(request.op.rawValue.replacingOccurrences(of: "_", with: " ")))"
        case .undo: "your undo"
        case .redo: "your redo"
        default: "your decision"
        }
    }
}

extension AppRunner {
    /// How often a write waiting for the lock is tried again (each try waits up to
    /// `AppDatabase.interactiveBusyTimeout` for the lock).
    static let retryInterval: Duration = .milliseconds(500)

    /// Writes a decision (or undo, redo), then shows its result: the record, the reloaded
    /// figures, what undo would do. Nothing is shown as done before its transaction committed.
    /// While another program holds the lock the write is kept and retried, with a notice.
    func write(_ effect: Effect) {
        guard checkFile() else {
            send(.refused("Not saved: \(watch.detachedReason ?? "the file changed")"))
            send(.writeSettled)
            return
        }
        let pending = PendingWrite(effect: effect, attempts: 0, nextTry: .now)
        // A large split or move can take seconds to commit: the screen says so before it starts
        // (keys typed meanwhile wait in the terminal and are handled after it, in order).
        notify("Saving \(pending.noun)…")
        // Only the status line changes: drawn over the last frame, not the whole screen again.
        backend.present(lastFrame.map { renderFooter(over: $0, state, theme: theme) } ?? frame())
        attempt(pending)
    }

    /// One try of a write; unless it must wait for the lock, the next queued decision follows.
    func attempt(_ pending: PendingWrite) {
        attemptOnce(pending)
        if watch.pending == nil { send(.writeSettled) }
    }

    private func attemptOnce(_ pending: PendingWrite) {
        let written: DecisionStore.Written?
        do {
            switch pending.effect {
            case .commit(let request): written = try decisions.write(request)
            case .undo: written = try decisions.writeUndo()
            case .redo: written = try decisions.writeRedo()
            default: return
            }
        } catch let refused as DecisionStore.Refused {
            watch.pending = nil
            send(.refused(refused.description))
            // Refused because another window changed the file since this one showed it (merged the
            // cluster away): the view reloads at once, keeping the refusal on screen.
            if let version = try? database.dataVersion(), version != watch.dataVersion {
                watch.dataVersion = version
                reload(because: "Not saved: \(refused.description); the view was reloaded")
            }
            return
        } catch where error.isDatabaseBusy {
            var next = pending
            next.attempts += 1
            next.nextTry = .now + Self.retryInterval
            watch.pending = next
            if next.attempts == 1 { watch.log?.write("busy: \(next.noun) waits for another program's write") }
            showBusyNotice()
            return
        } catch {
            watch.pending = nil
            watch.log?.write("not saved: \(error)")
            send(.refused("Not saved: \(error)"))
            return
        }
        let waited = pending.attempts
        watch.pending = nil
        guard let written else {
            send(.refused(pending.effect == .redo ? "Nothing to redo" : "Nothing to undo"))
            return
        }
        let record = written.record
        if waited > 0 { watch.log?.write("saved decision \(record.id) after \(waited) busy retries") }
        watch.noteOwnWrite(database)
        send(.committed(record))
        do {
            send(.datasetLoaded(try DatasetLoader.load(database, reusing: loadCache, changed: written.figuresChanged)))
        } catch {
            notify("Saved, but the figures could not be reloaded: \(error)", isError: true)
        }
        refreshHistory()
    }

    func showBusyNotice() {
        guard let pending = watch.pending else { return }
        // The same words as the line a queued decision shows ("Saving… (2 queued)"), so the count
        // stays on screen whichever of the two was drawn last.
        notify("\(Reducer.savingLine(state)) another program is writing to the database: \(pending.noun) is kept and saved as soon as the file is free (try \(pending.attempts + 1))", isError: true)
    }

    /// Tries a waiting write again when its time has come; true when the screen changed.
    func retryPendingWrite(now: ContinuousClock.Instant = .now) -> Bool {
        guard let pending = watch.pending else { return false }
        guard now >= pending.nextTry else {
            // A key clears the status line; the notice stays while the write waits.
            if state.status == nil { showBusyNotice(); return true }
            return false
        }
        attempt(pending)
        return true
    }

    /// On quit: a write still waiting gets `quitWait` more; if the lock never comes free it is
    /// reported in `unsavedDecision` (it was never shown as saved).
    func finishPendingWrite() {
        let deadline = ContinuousClock.now + watch.quitWait
        while let pending = watch.pending, ContinuousClock.now < deadline {
            showBusyNotice()
            backend.present(frame())
            attempt(pending)
            if watch.pending != nil { Thread.sleep(forTimeInterval: 0.2) }
        }
        if let pending = watch.pending {
            let queued = state.queuedDecisions.count
            let also = queued == 0 ? "" : " nor the \(queued) queued after it"
            watch.unsaved = "\(pending.noun) was not saved\(also): another program kept the database locked for \(watch.quitWait.components.seconds) s"
            watch.log?.write(watch.unsaved!)
        }
    }

    /// A one-line message in the footer until the next key (for notices that are not the
    /// result of an action: a reload, a busy database, warnings found on opening).
    public func notify(_ text: String, isError: Bool = false) {
        send(.notice(text, isError: isError))
    }

    /// Why the session ended other than by `q`: the termination signal, if any.
    public var exitSignal: Int32? { watch.exitSignal }
    /// A decision that could not be saved before quitting, said in one line.
    public var unsavedDecision: String? { watch.unsaved }
}
