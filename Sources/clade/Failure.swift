import ArgumentParser
import CladeCore
import CladeUI
import Foundation

/// Prints `clade: <message>` on standard error and exits non-zero: no usage dump, no stack trace.
/// The message is one line with control characters shown escaped: a file name or a value quoted
/// from a database cannot change the terminal's state.
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    let line = "clade: " + SafeText.line(message)
    FileHandle.standardError.write(Data((line + "\n").utf8))
    return ExitCode(code)
}

/// Text for one line of a terminal: controls escaped as the screens show them (`^[`, `�`),
/// line breaks as spaces, bidirectional overrides dropped.
enum SafeText {
    static func line(_ text: String) -> String { OutputText.terminalLine(text) }
}

/// Everything a command prints on standard output goes through here: the format's own escaping has
/// run (`OutputText.csvField`, `.markdown`, `.html`, `.json`); this drops any control left.
func emit(_ text: String, terminator: String = "\n") {
    print(OutputText.document(text), terminator: terminator)
}

/// Runs a command body, turning any error into one clear line.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as ExitCode {
        throw e
    } catch let e as CleanExit {
        throw e
    } catch {
        throw fail("\(error)")
    }
}
