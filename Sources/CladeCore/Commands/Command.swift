/// One entry of the command registry: the single source of the keymap, `?` help, the `:`
/// palette and the footer, so they never disagree.
public struct Command: Sendable {
    public var id: CommandID
    public var title: String
    /// Key sequences that run it (`[.char("g"), .char("g")]` is `gg`). The first is the one shown.
    public var keys: [[Key]]
    /// Where it applies; `.global` means in every pane.
    public var contexts: [Context]
    /// Changes or discards the reviewer's work: confirmed and undoable.
    public var destructive: Bool
    /// Short label for the footer; nil keeps it out of the footer.
    public var footer: String?
    /// How the footer writes the keys when it differs from the first binding (`j/k`).
    public var footerKeys: String?
    /// When the footer is short of room, higher ranks go first.
    public var footerRank: Int
    /// For commands run by a class of keys rather than a binding (typing, an option's letter):
    /// how help and docs write them. Such commands have no `keys`.
    public var keysText: String?
    /// The decision kind a decision command starts (its dialog, what it commits).
    public var decision: (any DecisionKind.Type)?

    public init(
        _ id: CommandID, _ title: String, keys: [[Key]], contexts: [Context] = [.global], destructive: Bool = false,
        footer: String? = nil, footerKeys: String? = nil, footerRank: Int = 50, keysText: String? = nil,
        decision: (any DecisionKind.Type)? = nil
    ) {
        self.id = id
        self.title = title
        self.keys = keys
        self.contexts = contexts
        self.destructive = destructive
        self.footer = footer
        self.footerKeys = footerKeys
        self.footerRank = footerRank
        self.keysText = keysText
        self.decision = decision
    }

    /// How help and the palette write its keys: `j ↓`, `g g Home`.
    public var keyLabel: String {
        keysText ?? keys.map { seq in seq.map(\.label).joined() }.joined(separator: " ")
    }

    public var primaryKeyLabel: String { keys.first.map { $0.map(\.label).joined() } ?? (keysText ?? "") }

    /// Global commands apply in the panes and views; a modal context gets only what it lists.
    public func applies(in context: Context) -> Bool {
        contexts.contains(context) || (contexts.contains(.global) && !context.isModal)
    }
}
