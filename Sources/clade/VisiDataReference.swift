import Foundation
import GRDB

/// VisiData showing the cluster sizes of a database (its frequency table of
/// `assignments.cluster_id`), replayed in batch mode: the tool people reach for today, timed on
/// the same file in the same run. Nil when `vd` is not installed or the replay fails.
enum VisiDataReference {
    struct Result {
        var milliseconds: Double
        var peakMegabytes: Double
    }

    static func run(database: String, folder: String) -> Result? {
        // VisiData lists a SQLite file's tables in sqlite_master order; the replay names the row.
        guard let tables = try? DatabaseQueue(path: database, configuration: readOnly).read({ db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        }), let row = tables.firstIndex(of: "assignments") else { return nil }
        let sheet = ((database as NSString).lastPathComponent as NSString).deletingPathExtension
        let output = (folder as NSString).appendingPathComponent("visidata-frequency.tsv")
        let script = (folder as NSString).appendingPathComponent("cluster-sizes.vdj")
        let steps: [[String: Any]] = [
            ["longname": "open-file", "input": database, "keystrokes": "o"],
            ["sheet": sheet, "col": "name", "row": row, "longname": "open-row", "input": "", "keystrokes": "^J"],
            ["col": "cluster_id", "row": "", "longname": "freq-col", "input": "", "keystrokes": "Shift+F"],
            ["col": "", "row": "", "longname": "save-sheet", "input": output, "keystrokes": "^S"],
        ]
        let lines = steps.compactMap { try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) }.map { String(decoding: $0, as: UTF8.self) }
        guard (try? ("#!vd -p\n" + lines.joined(separator: "\n") + "\n").write(toFile: script, atomically: true, encoding: .utf8)) != nil else { return nil }

        guard let run = runQuietly("/usr/bin/env", ["vd", "--batch", "--overwrite=y", "-p", script]) else { return nil }
        // The frequency table must really be there: a header and one line per cluster.
        guard run.status == 0, let text = try? String(contentsOfFile: output, encoding: .utf8),
              text.hasPrefix("cluster_id"), text.split(separator: "\n").count > 1 else { return nil }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return Result(milliseconds: run.milliseconds, peakMegabytes: Double(usage.ru_maxrss) / 1024)
    }

    static var readOnly: Configuration {
        var c = Configuration()
        c.readonly = true
        return c
    }
}
