import CladeStore
import Foundation
import GRDB

/// Small pipeline databases for store tests.
enum StoreFixtures {
    /// Two parents, three leaves, six questions (one weighted 4), two capabilities.
    static func populate(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO meta VALUES ('title', 'Tiny'), ('relevance_metric', 'cosine'), ('volume_high_share', '0.3'),
                ('relevance_low', '0.5'), ('satisfaction_low', '0.6'), ('min_ratings', '1');
            INSERT INTO runs VALUES (1, '2026-01-01T00:00:00Z', 'native', '{}', NULL);
            INSERT INTO clusters (cluster_id, run_id, parent_id, name, description, keywords_json) VALUES
                (1, 1, NULL, 'Docs', 'Documents', '["docs"]'),
                (10, 1, 1, 'RFIs', 'RFI questions', '["rfi","status"]'),
                (11, 1, 1, 'Open RFIs', '', '["rfi","open"]'),
                (20, 1, NULL, 'Weather', '', '["rain"]');
            INSERT INTO questions (question_id, run_id, text, asked_at, relevance, feedback, weight) VALUES
                (1, 1, 'status of rfi 12', '2026-01-05T09:00:00Z', 0.8, 1, 1),
                (2, 1, 'rfi 13 answered?', '2026-01-06T09:00:00Z', 0.6, -1, 1),
                (3, 1, 'open rfis at harbor', '2026-01-13T09:00:00Z', 0.7, NULL, 4),
                (4, 1, 'which rfis are open', '2026-01-14T09:00:00Z', NULL, 1, 1),
                (5, 1, 'will it rain tomorrow', '2026-01-20T09:00:00Z', 0.1, -1, 1),
                (6, 1, 'weather on site', '2026-01-21T09:00:00Z', 0.2, NULL, 1);
            INSERT INTO assignments (question_id, cluster_id) VALUES (1, 10), (2, 10), (3, 11), (4, 11), (5, 20), (6, 20);
            INSERT INTO capabilities VALUES (1, 'relative dates', ''), (2, 'status lookup', '');
            INSERT INTO question_capabilities (question_id, capability_id) VALUES (5, 1), (1, 2), (3, 2);
            """)
    }

    /// A temporary folder removed when the value is released.
    final class TempFolder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("clade-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    /// Writes a pipeline database file; `mutate` may damage it after population.
    static func writeDatabase(at path: String, mutate: (Database) throws -> Void = { _ in }) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try PipelineSchema.create(db)
            try populate(db)
            try mutate(db)
        }
        try queue.close()
    }
}
