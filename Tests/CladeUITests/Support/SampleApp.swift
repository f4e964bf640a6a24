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
    /// The app whose copy this one reopened (kept alive so its folder stays).
    let previous: SampleApp?

    /// `reopening` starts a new app on another app's copy, as after a restart.
    init(width: Int, height: Int, theme: Theme = .standard, readOnly: Bool = false, reopening previous: SampleApp? = nil) throws {
        self.previous = previous
        if let previous {
            folder = previous.folder
        } else {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-ui-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Golden.repoRoot.appendingPathComponent("sample-data/construction.sqlite").path, toPath: folder.appendingPathComponent("sample.sqlite").path)
        }
        backend = HeadlessBackend(size: Size(width: width, height: height))
        let database = try AppDatabase.open(path: folder.appendingPathComponent("sample.sqlite").path, forceReadOnly: readOnly)
        runner = try AppRunner(database: database, backend: backend, theme: theme)
    }

    deinit { if previous == nil { try? FileManager.default.removeItem(at: folder) } }

    /// The database file this app reviews.
    var path: String { folder.appendingPathComponent("sample.sqlite").path }

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
