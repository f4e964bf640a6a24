import CladeApp
import CladeCore
import CladeStore
import CladeTerminal
import CladeUI
import Foundation

/// The app on a fresh copy of the bundled sample, driven by scripted keys on a headless terminal.
final class SampleApp {
    let backend: HeadlessBackend
    let runner: AppRunner
    let folder: URL

    init(width: Int, height: Int, theme: Theme = .standard, readOnly: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-ui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("sample.sqlite").path
        try FileManager.default.copyItem(atPath: Golden.repoRoot.appendingPathComponent("sample-data/construction.sqlite").path, toPath: copy)
        backend = HeadlessBackend(size: Size(width: width, height: height))
        let database = try AppDatabase.open(path: copy, forceReadOnly: readOnly)
        runner = try AppRunner(database: database, backend: backend, theme: theme)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Types a key script (see `KeyScript`) and returns the screen after the last key.
    @discardableResult
    func type(_ script: String) -> Screen {
        backend.enqueue(keys: script)
        runner.drain()
        return runner.frame()
    }

    func resize(_ width: Int, _ height: Int) -> Screen {
        backend.resize(to: Size(width: width, height: height))
        runner.drain()
        return runner.frame()
    }

    var state: AppState { runner.state }
    var screen: Screen { runner.frame() }
}
