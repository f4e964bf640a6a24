import ArgumentParser
import CladeStore
import Foundation

/// `clade ack DB --consumer NAME --through ID`: the pipeline says it has applied the decisions it
/// read, after applying them. The only command that moves a consumer's cursor.
struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge that a consuming pipeline has applied the decisions through ID (moves its cursor).",
        discussion: """
            Run it after the pipeline has applied what `clade export --consumer NAME` printed, with the id the \
            export said it read through. A crash before the ack reads the same decisions again (at-least-once). \
            Refused, with the file unchanged: moving a cursor backwards, or past the last decision in the log. \
            Acknowledging the same id again changes nothing. A new consumer name starts a new cursor.
            """
    )

    @Argument(help: "The diagnostics database.")
    var database: String

    @Option(help: "The consuming pipeline's name.")
    var consumer: String

    @Option(help: ArgumentHelp("The last decision id the pipeline has applied.", valueName: "ID"))
    var through: Int64

    func run() throws {
        if consumer.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("--consumer needs a name") }
        // Checked on a read-only opening first, so a refused ack leaves the file exactly as it was.
        let reader = try reportingErrors { try AppDatabase.open(path: database, forceReadOnly: true) }
        _ = try reportingErrors { try reader.writer.read { try ConsumerCursor.check($0, consumer: consumer, through: through) } }
        try? reader.writer.close()
        let app = try reportingErrors { try AppDatabase.open(path: database) }
        let done = try reportingErrors { try ConsumerCursor.acknowledge(app, consumer: consumer, through: through) }
        print(done.previous == done.through
            ? "\(consumer): already acknowledged through decision \(done.through); nothing changed"
            : "\(consumer): acknowledged through decision \(done.through) (was \(done.previous))")
    }
}
