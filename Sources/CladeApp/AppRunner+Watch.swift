import CladeCore
import CladeStore
import Foundation

/// What the run loop keeps an eye on besides the keyboard: other programs changing the file,
/// a write waiting for the lock, and how the session ends.
struct SessionWatch {
    /// How often the file is looked at: `PRAGMA data_version` and the file's identity.
    static let pollInterval: Duration = .milliseconds(500)

    var log: AppLog?
    var dataVersion: Int?
    var lastPoll: ContinuousClock.Instant = .now
    /// The latest run and decision this window has shown.
    var ids: (run: Int64, decision: Int64) = (0, 0)
    var pending: PendingWrite?
    /// Set when the file was moved, deleted or replaced by one that cannot be opened:
    /// decisions are refused from then on, with this reason.
    var detachedReason: String?
    var exitSignal: Int32?
    var unsaved: String?
    /// How long quitting waits for a write still waiting for the lock.
    var quitWait: Duration = .seconds(10)

    /// The latest decision seen of each file, to notice a log that went backwards.
    var ledger = DecisionLedger()

    mutating func noteOwnWrite(_ database: AppDatabase) {
        if let latest = try? database.latestIDs() { ids = latest }
        ledger.update(database)
    }
}

extension AppRunner {
    /// Where notices, retries and reloads are logged (nil: nowhere, as in tests).
    public var log: AppLog? {
        get { watch.log }
        set { watch.log = newValue }
    }

    func startWatching() {
        watch.dataVersion = try? database.dataVersion()
        if let warning = watch.ledger.check(database) {
            watch.log?.write(warning)
            notify(warning, isError: true)
        }
        watch.noteOwnWrite(database)
    }

    /// The run loop's housekeeping between events: retry a waiting write, look for outside
    /// changes. True when the screen changed.
    func tick(now: ContinuousClock.Instant = .now) -> Bool {
        var changed = retryPendingWrite(now: now)
        if now - watch.lastPoll >= SessionWatch.pollInterval {
            watch.lastPoll = now
            changed = pollForChanges() || changed
        }
        return changed
    }

    /// Looks at the file now. Another program's commit (a pipeline writing a run, another Clade
    /// recording a decision) reloads the figures in place, keeping the selection where the
    /// cluster still exists; a replaced file is reopened. True when the screen changed.
    @discardableResult
    public func pollForChanges() -> Bool {
        if watch.detachedReason != nil { return false }
        let opened = ObjectIdentifier(database)
        guard checkFile() else { return true }
        if ObjectIdentifier(database) != opened { return true }  // reopened and reloaded
        guard let version = try? database.dataVersion(), version != watch.dataVersion else { return false }
        watch.dataVersion = version
        reload(because: nil)
        return true
    }

    /// Whether decisions can still be written to the file that was opened. A replaced file is
    /// reopened (decisions go to the new one); a missing one detaches the window.
    func checkFile() -> Bool {
        if watch.detachedReason != nil { return false }
        switch database.fileState() {
        case .same:
            return true
        case .missing:
            detach("\(database.path) was moved or deleted: decisions cannot be saved any more; quit, and open it where it is now")
            return false
        case .replaced:
            do {
                let fresh = try database.reopen()
                database = fresh
                decisions = DecisionStore(app: fresh, reviewer: decisions.reviewer)
                engine = CurationEngine(app: fresh)
                watch.dataVersion = try? fresh.dataVersion()
                reload(because: "Another program replaced \((fresh.path as NSString).lastPathComponent): reopened the new file")
                return true
            } catch {
                detach("another program replaced \(database.path) with a file Clade cannot open (\(error)); decisions cannot be saved: quit and check it")
                return false
            }
        }
    }

    func detach(_ reason: String) {
        watch.detachedReason = reason
        watch.log?.write("detached: \(reason)")
        notify(reason, isError: true)
    }

    /// Reloads everything from the file and says what changed. A new run is validated first, as
    /// on opening: one Clade cannot show pauses decisions and leaves the screen as it was.
    func reload(because reason: String?) {
        let before = watch.ids
        let after = (try? database.latestIDs()) ?? before
        if after.run != before.run {
            do {
                _ = try SchemaCheck.run(path: database.path, options: .opening)
            } catch {
                detach("the pipeline wrote run \(after.run), which Clade cannot show (\(error)); decisions are paused: quit, fix the file, reopen")
                return
            }
        }
        let dataset: Dataset
        do {
            dataset = try DatasetLoader.load(database, reusing: loadCache)
        } catch {
            notify("The database changed but could not be read: \(error)", isError: true)
            return
        }
        watch.ids = after
        watch.ledger.update(database)
        send(after.run != before.run ? .runLoaded(dataset) : .datasetLoaded(dataset))
        refreshHistory()
        let message: String
        if let reason {
            message = reason
        } else if after.run != before.run {
            message = "The pipeline wrote run \(after.run): reloaded it (the selection follows clusters of the same name)" + carryForwardOffer()
        } else if after.decision > before.decision {
            let n = after.decision - before.decision
            message = "\(n) decision\(n == 1 ? "" : "s") recorded by another Clade window: reloaded"
        } else {
            message = "Another program changed the database: reloaded"
        }
        watch.log?.write(message)
        if watch.pending == nil { notify(message) }
    }
}
