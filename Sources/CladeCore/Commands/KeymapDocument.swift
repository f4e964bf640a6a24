/// The keymap as Markdown, generated from the registry (docs/keymap.md is this text; a test
/// keeps the two equal). Modal contexts (dialogs, the split preview, help, the palette, the
/// prompts) come from the same registry, so every key that works anywhere is listed here.
public enum KeymapDocument {
    public static var markdown: String {
        var out = "# Clade keymap\n\nGenerated from the command registry (`Sources/CladeCore/Commands/CommandRegistry.swift`), "
        out += "the same source as `?` help, the `:` palette and the footer. Regenerate with "
        out += "`UPDATE_GOLDEN=1 swift test --filter KeymapDocumentTests`.\n\n"
        out += "Dialogs, the suggested split, help, the palette and the prompts are modal: only the keys listed "
        out += "under them work there, not the global ones. Those with a line of text share the keys of the "
        out += "[text field](#text-field).\n"
        let textField = CommandRegistry.all.filter(\.isTextFieldCommand)
        for context in Context.allCases {
            let commands = CommandRegistry.all.filter { $0.contexts.contains(context) && !$0.isTextFieldCommand }
            guard !commands.isEmpty else { continue }
            out += "\n## \(context.title)\n\n" + table(commands)
            if context.takesText { out += "| typing, paste, and the [text field](#text-field) keys | Edit the text |\n" }
        }
        out += "\n## Text field\n\nOne text field serves every prompt: text dialogs, cluster pickers, help, the palette, "
        out += "search and filter. A paste is inserted as text (line breaks become spaces), never run as keys.\n\n"
        return out + table(textField.filter { !$0.keys.isEmpty })
    }

    static func table(_ commands: [Command]) -> String {
        var out = "| Keys | Command |\n|---|---|\n"
        for c in commands {
            let keys = c.keys.isEmpty ? (c.keysText ?? "") : c.keys.map { "`" + $0.map(\.label).joined() + "`" }.joined(separator: " ")
            out += "| \(keys) | \(c.title)\(c.destructive ? " (asks first, undoable)" : "") |\n"
        }
        return out
    }
}

extension Command {
    /// One of the text field's commands (`text.*`), shared by every prompt.
    var isTextFieldCommand: Bool { id.rawValue.hasPrefix("text.") }
}
