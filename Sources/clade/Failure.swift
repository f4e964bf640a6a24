import ArgumentParser
import Foundation

/// Prints `clade: <message>` on standard error and exits non-zero: no usage dump, no stack trace.
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    FileHandle.standardError.write(Data(("clade: " + message + "\n").utf8))
    return ExitCode(code)
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
