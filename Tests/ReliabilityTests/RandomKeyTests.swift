@testable import CladeApp
import CladeCore
import CladeStore
import CladeTerminal
import CladeUI
import Foundation
import GRDB
import Testing

/// The whole app (reducer, effects against the store, render) under random key sequences with
/// random resizes, on random databases and the sample. After every event: no trap, the
/// selection is a visible cluster, every cursor within its list, the frame exactly the terminal's
/// size with no control character in any cell. After each sequence the decision log and the
/// state tables agree and the file passes `PRAGMA quick_check`. Budget: `CLADE_KEY_SEQUENCES`,
/// `CLADE_KEYS_PER_SEQUENCE` (docs/reliability.md).
@Suite("random key sequences")
struct RandomKeyTests {
    static let sequences = Budget.value("CLADE_KEY_SEQUENCES", default: 6)
    static let keysPerSequence = Budget.value("CLADE_KEYS_PER_SEQUENCE", default: 300)

    @Test func randomDatabases() throws {
        var total = 0, databases = 0
        for n in 0..<Self.sequences {
            let scratch = try Scratch()
            let path = scratch.path("keys.sqlite")
            var m = Mutator(seed: Budget.seed &+ UInt64(n))
            if n % 3 == 2 {
                try RandomDatabase.write(at: path, using: &m)
                guard (try? SchemaCheck.run(path: path)) != nil else { continue }
            } else {
                try Pipelines.write(at: path, questions: 20 + m.below(120), seed: Budget.seed &+ UInt64(n), textLength: 10 + m.below(80))
            }
            total += try Self.drive(path: path, keys: Self.keysPerSequence, using: &m, context: "sequence \(n)")
            databases += 1
        }
        print("random keys: \(total) events on \(databases) databases (of \(Self.sequences) generated), seed \(Budget.seed), invariants held")
    }

    @Test func sample() throws {
        let scratch = try Scratch()
        let path = try Pipelines.sample(into: scratch)
        var m = Mutator(seed: Budget.seed ^ 0x5A)
        let total = try Self.drive(path: path, keys: Self.keysPerSequence, using: &m, context: "sample")
        print("random keys: \(total) events on the sample, seed \(Budget.seed), invariants held")
    }

    /// Sizes from 1×1 to 200×60 render, for states with dialogs, overlays and marks: every width
    /// at the heights where layouts change, every height at the widths where they change, and
    /// random sizes (every one of the 12,000 with `CLADE_ALL_SIZES=1`).
    @Test func everySize() throws {
        let scratch = try Scratch()
        let path = try Pipelines.sample(into: scratch)
        let backend = HeadlessBackend(size: Size(width: 120, height: 40))
        let runner = try AppRunner(database: try AppDatabase.open(path: path), backend: backend, theme: .standard)
        var sizes: [(Int, Int)] = []
        if ProcessInfo.processInfo.environment["CLADE_ALL_SIZES"] == "1" {
            for w in 1...200 { for h in 1...60 { sizes.append((w, h)) } }
        } else {
            for w in 1...200 { for h in [1, 14, 24] { sizes.append((w, h)) } }
            for h in 1...60 { for w in [1, 49, 50, 120] { sizes.append((w, h)) } }
            var m = Mutator(seed: Budget.seed)
            for _ in 0..<100 { sizes.append((1 + m.below(200), 1 + m.below(60))) }
        }
        var count = 0
        for script in ["\r jj", "m"] {
            backend.enqueue(keys: "<Esc><Esc><Esc>1" + script)
            runner.drain()
            backend.clearFrames()
            for (w, h) in sizes {
                runner.send(.resize(width: w, height: h))
                #expect(runner.frame().size == Size(width: w, height: h))
                count += 1
            }
        }
        print("render: \(count) frames at sizes from 1×1 to 200×60, no trap")
    }

    static let keyPool: [Key] = Array("jjjjkkkhlgG/\\nNoOrmsMpiaeydcxAuU*v 0123?:[]\t123yyp").map { .char($0) }
        + [.enter, .enter, .escape, .escape, .tab, .backTab, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown,
           .backspace, .delete, .shiftUp, .shiftDown, .function(1), .ctrl("r"), .ctrl("d"), .ctrl("u"), .ctrl("l"), .ctrl("z"), .ctrl("c"), .ctrl("w")]
    static let strangeText: [Character] = ["é", "漢", "👩‍💻", "\u{301}", "ש", "ا", "🏳️‍🌈", "\u{200D}", "ß", "x"]

    /// Feeds `keys` random events to the app on `path`, checking the invariants after each; a `q`
    /// restarts the app on the same file, as a reviewer would. Returns the events fed.
    static func drive(path: String, keys: Int, using m: inout Mutator, context: String) throws -> Int {
        let backend = HeadlessBackend(size: Size(width: 120, height: 40))
        var runner = try AppRunner(database: try AppDatabase.open(path: path), backend: backend, theme: .standard, reviewer: "keys")
        for step in 0..<keys {
            let event: InputEvent
            switch m.below(100) {
            case 0..<4: event = .resize(width: 1 + m.below(200), height: 1 + m.below(60))
            case 4..<10: event = .key(.char(strangeText[m.below(strangeText.count)]))
            default: event = .key(keyPool[m.below(keyPool.count)])
            }
            backend.enqueue(event)
            runner.drain(maxEvents: 4)
            backend.clearFrames()
            if runner.state.quitting {
                runner = try AppRunner(database: try AppDatabase.open(path: path), backend: backend, theme: .standard, reviewer: "keys")
            }
            if ProcessInfo.processInfo.environment["CLADE_KEYS_TRACE"] != nil {
                print("TRACE \(step) \(event) sel=\(String(describing: runner.state.selectedClusterID)) focus=\(runner.state.focus) dialog=\(runner.state.dialog?.title ?? "-") prompt=\(runner.state.prompt?.text ?? "-") status=\(runner.state.status?.text ?? "-")")
            }
            try checkInvariants(runner, "\(context) step \(step) after \(event)")
        }
        let app = runner.database
        #expect(try app.writer.read(DecisionLogCheck.isConsistent), "\(context): log and state disagree")
        #expect(try app.writer.read { try String.fetchAll($0, sql: "PRAGMA quick_check") } == ["ok"], "\(context)")
        return keys
    }

    static func checkInvariants(_ runner: AppRunner, _ context: String) throws {
        let state = runner.state
        let rows = ClusterTree.rows(state)
        if !rows.isEmpty {
            #expect(state.selectedClusterID.map { id in rows.contains { $0.id == id } } == true,
                    "selection \(String(describing: state.selectedClusterID)) not among \(rows.count) visible rows (focus \(state.focus), filter '\(state.clusterFilter)', capability \(String(describing: state.capabilityFilter)), \(state.dataset.clusters.count) clusters), \(context)")
        }
        #expect(state.clusterScroll >= 0 && state.clusterScroll <= max(0, rows.count - 1), "cluster scroll \(state.clusterScroll), \(context)")
        let q = state.questions
        #expect(q.cursor.index >= 0 && q.cursor.index <= max(0, q.rows.count - 1), "question cursor \(q.cursor), \(context)")
        #expect(q.cursor.scroll >= 0 && q.cursor.scroll <= q.cursor.index, "question scroll \(q.cursor), \(context)")
        let caps = CapabilityList.rows(state)
        #expect(state.capabilityCursor.index >= 0 && state.capabilityCursor.index <= max(0, caps.count - 1), "capability cursor, \(context)")
        if let dialog = state.dialog {
            #expect(dialog.cursor >= -1 && dialog.cursor <= max(0, dialog.visibleOptions.count - 1), "dialog cursor \(dialog.cursor), \(context)")
        }
        let screen = runner.frame()
        #expect(screen.size == Size(width: state.width, height: state.height), "frame size, \(context)")
        for cell in screen.cells where cell.text.unicodeScalars.contains(where: isUnsafe) {
            Issue.record("a control character reached the grid: \(cell.text.unicodeScalars.map { String($0.value, radix: 16) }), \(context)")
            break
        }
    }

    /// C0 and C1 controls, DEL, and bidirectional overrides: nothing a terminal may act on.
    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F..<0xA0).contains(s.value) || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
    }
}
