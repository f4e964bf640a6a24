import CladeCore
import CladeStore
import Foundation
import GRDB
import Testing

/// Clade's enumerated columns are typed (status, origin, op): a value this build does not know,
/// in the state tables or in the log, is one clear line naming where it is, never a trap; an op
/// from a newer Clade is kept as written and undoes like any decision.
@Suite struct StoredValueTests {
    func fixture() throws -> (AppDatabase, DecisionStore) {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        return (app, DecisionStore(app: app, reviewer: "ana"))
    }

    /// Expects `body` to throw a `StoredValueError` of one line that mentions `text`.
    func expectOneLine(mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("no error", sourceLocation: sourceLocation)
        } catch let error as StoredValueError {
            #expect(!error.description.contains("\n") && error.description.contains(text), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("not a StoredValueError: \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func knownOpsReadBackAsWrittenAndAnUnknownOneKeepsItsText() {
        for op in DecisionOp.known { #expect(DecisionOp(rawValue: op.rawValue) == op) }
        #expect(Set(DecisionOp.known.map(\.rawValue)).count == DecisionOp.known.count)
        #expect(DecisionOp(rawValue: "set_priority") == .setPriority)
        #expect(DecisionOp(rawValue: "rename_all") == .unknown("rename_all") && DecisionOp.unknown("rename_all").rawValue == "rename_all")
    }

    @Test func aStatusThisBuildDoesNotKnowIsOneLineForLoadExportAndDecisions() throws {
        let (app, store) = try fixture()
        try store.commit(.dismiss(10, reason: .outOfScope))
        try app.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE clade_cluster_state SET status = 'archived' WHERE cluster_id = 10")
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        expectOneLine(mentioning: "cluster 10 cannot be read: status 'archived' is not one of active, merged, dismissed") {
            _ = try DatasetLoader.load(app)
        }
        expectOneLine(mentioning: "status 'archived'") { _ = try DecisionExport.make(app, since: nil, consumer: nil) }
        expectOneLine(mentioning: "status 'archived'") { try store.commit(.setNote(10, "still there?")) }
        #expect(try DecisionLog.records(app).count == 1, "a refused decision wrote nothing")
    }

    @Test func anOriginThisBuildDoesNotKnowIsOneLine() throws {
        let (app, store) = try fixture()
        try store.commit(.setPriority(11, 1))
        try app.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE clade_cluster_state SET origin = 'imported' WHERE cluster_id = 11")
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        expectOneLine(mentioning: "origin 'imported' is not one of pipeline, expert") { _ = try DatasetLoader.load(app) }
        expectOneLine(mentioning: "origin 'imported'") { try store.commit(.setPriority(11, 2)) }
    }

    @Test func aChangeSetWithAnUnknownStatusIsOneLineNamingTheDecision() throws {
        let (app, store) = try fixture()
        try store.commit(.dismiss(10, reason: .redirect))
        try app.writer.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER clade_decisions_no_update")
            try db.execute(sql: "UPDATE clade_decisions SET new_json = replace(new_json, '\"dismissed\"', '\"archived\"')")
        }
        expectOneLine(mentioning: "decision 1 holds a change set this Clade cannot read") { try store.undo() }
        expectOneLine(mentioning: "archived") { try store.undo() }
        #expect(try app.writer.read(DecisionLogCheck.isConsistent) == false)
        #expect(try DecisionLog.records(app).count == 1, "the failed undo wrote nothing")
    }

    @Test func anOpFromANewerCladeIsKeptAsWrittenAndUndoesLikeAnyDecision() throws {
        let (app, store) = try fixture()
        try store.commit(.setPriority(10, 2))
        try app.writer.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER clade_decisions_no_update")
            try db.execute(sql: "UPDATE clade_decisions SET op = 'set_priority_band' WHERE decision_id = 1")
        }
        let records = try DecisionLog.records(app)
        #expect(records.map(\.op) == [.unknown("set_priority_band")] && records[0].summary.contains("P2"))
        #expect(try DecisionLog.undoRedo(app).undo == records[0].summary)
        let undone = try #require(try store.undo())
        #expect(undone.op == .undo && undone.undoes == 1)
        #expect(try DatasetLoader.load(app).cluster(10)?.priority == nil)
        #expect(try app.writer.read(DecisionLogCheck.isConsistent))
    }
}

extension StoredValueTests {
    @Test func aCarryForwardItemOfAKindThisBuildDoesNotKnowIsOneLine() throws {
        let (app, _) = try fixture()
        try app.writer.write { db in
            try db.execute(sql: """
                INSERT INTO clade_carry_forward (run_id, from_run_id, at, status, what, old_cluster_id, old_label)
                VALUES (1, 0, '2026-03-01T00:00:00Z', 'carried', 'label', 10, 'RFIs'),
                       (1, 0, '2026-03-01T00:00:00Z', 'carried', 'capability_band', 11, 'Open RFIs')
                """)
        }
        expectOneLine(mentioning: "clade_carry_forward: item 2 cannot be read: what 'capability_band' is not one of label, priority") {
            _ = try CarryForwardReport.load(app)
        }
        try app.writer.write { try $0.execute(sql: "DELETE FROM clade_carry_forward WHERE item_id = 2") }
        let items = try CarryForwardReport.load(app)
        #expect(items.map(\.what) == [.label] && items[0].status == .carried && items[0].oldLabel == "RFIs" && items[0].detail == "")
    }
}
