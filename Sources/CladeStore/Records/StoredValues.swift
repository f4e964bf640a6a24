import CladeCore
import Foundation
import GRDB

// Clade's enumerated columns, stored as the text the schema's CHECK constraints name.
extension ClusterOrigin: DatabaseValueConvertible {}
extension ClusterStatus: DatabaseValueConvertible {}
extension DecisionOp: DatabaseValueConvertible {}

/// A value in Clade's tables or its log that this build cannot read (a hand-edited file, or one
/// a newer Clade wrote), said in one line: where it is and what was expected.
public struct StoredValueError: Error, CustomStringConvertible, Equatable, Sendable {
    public var description: String

    init(_ description: String) { self.description = description }

    /// A `clade_cluster_state` row that failed to decode: names the column at fault.
    static func clusterState(_ row: Row, _ error: Error) -> StoredValueError {
        let id = (row["cluster_id"] as DatabaseValue?).map { "\($0)" } ?? "?"
        let problem = unknown("status", ClusterStatus.self, in: row) ?? unknown("origin", ClusterOrigin.self, in: row) ?? "\(error)"
        return StoredValueError("clade_cluster_state: cluster \(id) cannot be read: \(problem) (edited by hand, or written by a newer Clade?)")
    }

    /// What is wrong with `column` of `row` when it holds a value `T` does not name; nil when it is fine.
    static func unknown<T: RawRepresentable & CaseIterable>(_ column: String, _: T.Type, in row: Row) -> String? where T.RawValue == String {
        guard let value = row[column] as DatabaseValue?, !value.isNull else { return nil }
        guard let text = String.fromDatabaseValue(value) else { return "\(column) \(value) is not text" }
        guard T(rawValue: text) == nil else { return nil }
        return "\(column) '\(OutputText.terminalLine(text))' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))"
    }

    /// A change set in the decision log that failed to decode.
    static func changeSet(decision: Int64?, _ error: Error) -> StoredValueError {
        let which = decision.map { "decision \($0)" } ?? "a decision"
        let detail: String
        switch error as? DecodingError {
        case .dataCorrupted(let c)?, .typeMismatch(_, let c)?, .valueNotFound(_, let c)?:
            detail = (c.codingPath.map(\.stringValue).joined(separator: ".") + ": " + c.debugDescription)
        case .keyNotFound(let key, let c)?:
            detail = (c.codingPath + [key]).map(\.stringValue).joined(separator: ".") + " is missing"
        default:
            detail = "\(error)"
        }
        return StoredValueError("clade_decisions: \(which) holds a change set this Clade cannot read (\(OutputText.terminalLine(detail))); edited by hand, or written by a newer Clade?")
    }
}

extension Row {
    /// A typed column of a `clade_cluster_state` row; a value this build does not know is one
    /// clear line (`StoredValueError`), never a trap.
    func clusterStateValue<T: DatabaseValueConvertible>(_ column: String) throws -> T {
        do {
            return try decode(forColumn: column)
        } catch {
            throw StoredValueError.clusterState(self, error)
        }
    }
}
