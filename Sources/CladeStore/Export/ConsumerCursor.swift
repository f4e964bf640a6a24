import Foundation
import GRDB

/// Where each consuming pipeline stopped reading the decision log. Reading never moves it: a
/// pipeline exports, applies, and only then acknowledges, so a crash in between reads the same
/// decisions again (at-least-once).
public enum ConsumerCursor {
    /// The last decision `consumer` acknowledged (0 for a consumer never seen).
    public static func position(_ db: Database, consumer: String) throws -> Int64 {
        guard try db.tableExists("clade_consumer_cursor") else { return 0 }
        return try Int64.fetchOne(db, sql: "SELECT last_decision_id FROM clade_consumer_cursor WHERE consumer = ?", arguments: [consumer]) ?? 0
    }

    public struct Acknowledged: Equatable, Sendable {
        public var consumer: String
        public var previous: Int64
        public var through: Int64
    }

    /// Refuses an empty name, a negative id, an id past the last decision in the log, or a move backwards.
    public static func check(_ db: Database, consumer: String, through: Int64) throws -> Int64 {
        guard !consumer.trimmingCharacters(in: .whitespaces).isEmpty else { throw DecisionStore.Refused(description: "--consumer needs a name") }
        guard through >= 0 else { throw DecisionStore.Refused(description: "--through must be a decision id (0 or more), not \(through)") }
        let last = try db.tableExists("clade_decisions") ? try Int64.fetchOne(db, sql: "SELECT MAX(decision_id) FROM clade_decisions") ?? 0 : 0
        if through > last {
            throw DecisionStore.Refused(description: last == 0
                ? "cannot acknowledge decision \(through): the log holds no decisions yet"
                : "cannot acknowledge decision \(through): the log ends at decision \(last)")
        }
        let previous = try position(db, consumer: consumer)
        if through < previous {
            throw DecisionStore.Refused(description: "\(consumer) has already acknowledged through decision \(previous); a cursor never moves backwards (asked for \(through))")
        }
        return previous
    }

    /// Moves `consumer`'s cursor to `through`, checked again inside the write.
    @discardableResult
    public static func acknowledge(_ app: AppDatabase, consumer: String, through: Int64, now: Date = Date()) throws -> Acknowledged {
        guard !app.readOnly else { throw DecisionStore.Refused(description: "\(app.path) is read-only: cannot record where \(consumer) stopped") }
        return try app.writer.write { db in
            let previous = try check(db, consumer: consumer, through: through)
            try ConsumerCursorRecord(consumer: consumer, lastDecisionID: through, updatedAt: DecisionStore.timestamp(now)).insert(db, onConflict: .replace)
            return Acknowledged(consumer: consumer, previous: previous, through: through)
        }
    }
}
