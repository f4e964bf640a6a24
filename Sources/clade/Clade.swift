import ArgumentParser

@main
struct Clade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clade",
        abstract: "Review the topic clusters of a RAG product's questions and record decisions for the pipeline.",
        discussion: """
            With no database, Clade opens a working copy of the bundled sample (a construction firm's \
            project assistant). The shipped sample is never modified; `clade --reset-sample` starts the \
            copy afresh, keeping the old review in a dated copy beside it (it asks first; --yes without a terminal).
            """,
        subcommands: [
            OpenCommand.self, CheckCommand.self, ImportCommand.self, ExportCommand.self, AckCommand.self, CarryForwardCommand.self,
            ApplyCommand.self, QueueCommand.self, ReportCommand.self, BenchCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )

    static func main() {
        Relaunch.withBacktraceSettings()
        main(nil)
    }
}
