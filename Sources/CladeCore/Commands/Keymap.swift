/// Turns key presses into commands, honouring multi-key sequences such as `gg`.
public struct Keymap: Sendable {
    public enum Resolution: Equatable, Sendable {
        case command(CommandID)
        /// The keys so far begin a longer sequence: wait for the next.
        case pending
        case unbound
    }

    let bindings: [Context: [[Key]: CommandID]]
    let prefixes: [Context: Set<[Key]>]

    public init(commands: [Command] = CommandRegistry.all) {
        var bindings: [Context: [[Key]: CommandID]] = [:]
        var prefixes: [Context: Set<[Key]>] = [:]
        for context in Context.all {
            // Pane-specific bindings win over global ones for the same keys; modal contexts have
            // only their own.
            for command in commands where command.applies(in: context) {
                let specific = !command.contexts.contains(.global)
                for seq in command.keys {
                    if specific || bindings[context]?[seq] == nil { bindings[context, default: [:]][seq] = command.id }
                    for n in 1..<seq.count { prefixes[context, default: []].insert(Array(seq.prefix(n))) }
                }
            }
        }
        self.bindings = bindings
        self.prefixes = prefixes
    }

    public static let standard = Keymap()

    public func resolve(_ keys: [Key], in context: Context) -> Resolution {
        if let id = bindings[context]?[keys] { return .command(id) }
        if prefixes[context]?.contains(keys) == true { return .pending }
        return .unbound
    }
}
