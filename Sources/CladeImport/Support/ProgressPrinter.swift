import CladeCore
import Foundation

/// Shows import progress on stderr: a redrawn bar when stderr is a terminal, otherwise a plain
/// line when the stage changes and then at most every few seconds (for logs and CI).
public final class ProgressPrinter {
    private let isTerminal: Bool
    private let quiet: Bool
    private let interval: TimeInterval
    private var lastStage = ""
    private var lastDraw = Date.distantPast
    private var barVisible = false

    public init(quiet: Bool = false, isTerminal: Bool = isatty(STDERR_FILENO) == 1, interval: TimeInterval = 5) {
        self.quiet = quiet
        self.isTerminal = isTerminal
        self.interval = interval
    }

    public func update(_ p: AnalysisProgress) {
        guard !quiet else { return }
        let now = Date()
        let stageChanged = p.stage != lastStage
        if isTerminal {
            guard stageChanged || now.timeIntervalSince(lastDraw) >= 0.1 || p.completed == p.total else { return }
            let width = 30
            let filled = Int(p.fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            write("\r\u{1B}[2K[\(bar)] \(String(format: "%3.0f", p.fraction * 100))% \(p.stage)")
            barVisible = true
        } else {
            guard stageChanged || now.timeIntervalSince(lastDraw) >= interval else { return }
            write("clade: \(p.stage) \(String(format: "%.0f", p.fraction * 100))%\n")
        }
        lastStage = p.stage
        lastDraw = now
    }

    /// A line of its own (clears the bar first).
    public func note(_ text: String) {
        guard !quiet else { return }
        clearBar()
        write("clade: \(OutputText.terminalLine(text))\n")
    }

    public func clearBar() {
        if barVisible {
            write("\r\u{1B}[2K")
            barVisible = false
        }
    }

    private func write(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
}
