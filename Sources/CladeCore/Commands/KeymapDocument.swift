/// The keymap as Markdown, generated from the registry (docs/keymap.md is this text; a test
/// keeps the two equal).
public enum KeymapDocument {
    public static var markdown: String {
        var out = "# Clade keymap\n\nGenerated from the command registry (`Sources/CladeCore/Commands/CommandRegistry.swift`), "
        out += "the same source as `?` help, the `:` palette and the footer. Regenerate with "
        out += "`UPDATE_GOLDEN=1 swift test --filter KeymapDocumentTests`.\n"
        for context in Context.allCases where context != .help && context != .palette && context != .input {
            let commands = CommandRegistry.all.filter { $0.contexts.contains(context) }
            guard !commands.isEmpty else { continue }
            out += "\n## \(context.title)\n\n| Keys | Command |\n|---|---|\n"
            for c in commands {
                let keys = c.keys.map { "`" + $0.map(\.label).joined() + "`" }.joined(separator: " ")
                out += "| \(keys) | \(c.title)\(c.destructive ? " (asks first, undoable)" : "") |\n"
            }
        }
        out += """

            ## In prompts and lists

            | Keys | In |
            |---|---|
            | typing | `/` search moves to the first match as you type; `\\` filter narrows the list as you type |
            | `Enter` | keeps the search (for `n`/`N`) or the filter |
            | `Esc` | cancels the search (back where you were) or clears the filter |
            | `Backspace`, `Ctrl-U` | delete a character, clear the text |
            | `↑` `↓` `PgUp` `PgDn` | move in `?` help and the `:` palette; typing filters them; `Enter` runs the command |

            """
        return out
    }
}
