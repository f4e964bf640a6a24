@testable import CladeStore
import CladeCore
import GRDB
import Testing

/// The 10-10 order computed in one pass must be exactly the SQL's, page by page: ties on the
/// date (broken by id), NULL dates, fewer than ten thumbs of a kind, pages deep in the list.
@Suite struct TenTenOrderTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func onePassEqualsTheSQLOrder(seed: UInt64) throws {
        let app = try AppDatabase.inMemory { db in
            try DecisionPropertyTests.populate(db, seed: seed)
            // Some questions without a date, and a thumbs-down with one far in the future.
            try db.execute(sql: "UPDATE questions SET asked_at = NULL WHERE question_id % 9 = 0")
            try db.execute(sql: "UPDATE questions SET asked_at = '2031-01-01T00:00:00Z', feedback = -1 WHERE question_id = 7")
        }
        let leaves: [[ClusterID]] = [[10], [10, 11, 12], [10, 11, 12, 20, 21, 30]]
        for members in leaves {
            for (offset, limit) in [(0, 500), (0, 5), (3, 7), (18, 5), (25, 10), (70, 20)] {
                let query = QuestionQuery(clusterID: members[0], memberIDs: members, order: .tenTen, offset: offset, limit: limit)
                let (_, sql, arguments) = QuestionReads.statements(query, clade: true)
                try app.writer.read { db in
                    let expected = try QuestionID.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
                    let onePass = try #require(try TenTenOrder.page(db, query, clade: true))
                    #expect(onePass == expected, "members \(members), offset \(offset), limit \(limit)")
                }
            }
        }
    }

    @Test func aDateThatIsNotTextLeavesItToSQL() throws {
        let app = try AppDatabase.inMemory { db in
            try DecisionPropertyTests.populate(db, seed: 1)
            try db.execute(sql: "UPDATE questions SET asked_at = X'32303236' WHERE question_id = 3")
        }
        let query = QuestionQuery(clusterID: 10, memberIDs: [10, 11, 12, 20, 21, 30], order: .tenTen)
        let page = try app.writer.read { db in try TenTenOrder.page(db, query, clade: true) }
        #expect(page == nil)
    }
}
