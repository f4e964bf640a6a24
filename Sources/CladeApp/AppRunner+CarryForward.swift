import CladeCore
import CladeStore
import Foundation

/// A run the pipeline added (with an importer, SQL or a Spark job) that has none of the review of
/// the run before it: offered on opening, done only when the reviewer asks (F, or the palette).
extension AppRunner {
    func offerCarryForward() {
        guard !database.readOnly, let runs = try? database.writer.read({ try CarryForwardStep.pending($0) }) else { return }
        let key = CommandRegistry.command(.carryForward).primaryKeyLabel
        state.status = StatusMessage("Run \(runs.to) has none of the review of run \(runs.from) yet: \(key) carries it forward (clade carry-forward --dry-run shows what)")
    }

    /// Appended to the notice of a run written while the window is open.
    func carryForwardOffer() -> String {
        guard !database.readOnly, let runs = try? database.writer.read({ try CarryForwardStep.pending($0) }) else { return "" }
        return "; it has none of run \(runs.from)'s review yet: \(CommandRegistry.command(.carryForward).primaryKeyLabel) carries it forward"
    }

    func carryForward() {
        guard checkFile() else {
            send(.refused("Not carried forward: \(watch.detachedReason ?? "the file changed")"))
            return
        }
        let report: CarryForwardReport
        do {
            report = try CarryForwardStep.run(database, from: nil, to: nil, options: CarryForwardOptions(reviewer: CarryForward.defaultReviewer))
        } catch let refused as DecisionStore.Refused {
            send(.refused("Not carried forward: \(refused.description)"))
            return
        } catch {
            watch.log?.write("carry-forward failed: \(error)")
            send(.refused("Not carried forward: \(error)"))
            return
        }
        watch.noteOwnWrite(database)
        let decisions = report.carried.filter { $0.decisionID != nil }.count
        watch.log?.write("carried forward run \(report.fromRun) → \(report.toRun): \(decisions) decisions, \(report.notCarried.count) not carried")
        send(.carriedForward("Carried run \(report.fromRun)'s review to run \(report.toRun): \(decisions) decision\(decisions == 1 ? "" : "s"), "
            + "\(report.already.count) already so, \(report.notCarried.count) not carried (listed in the file's clade_carry_forward table)"))
        do {
            send(.datasetLoaded(try DatasetLoader.load(database, reusing: loadCache)))
        } catch {
            notify("Carried forward, but the figures could not be reloaded: \(error)", isError: true)
        }
        refreshHistory()
    }
}
