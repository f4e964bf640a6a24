/// What a cell means, not how it looks: a theme turns this into colours or attributes.
public enum Style: UInt8, CaseIterable, Sendable {
    case normal
    case dim
    case bold
    case title
    case border
    case borderFocused
    case columnHeader
    /// The cursor row of the focused pane.
    case selected
    /// The cursor row of a pane without focus.
    case selectedInactive
    case marked
    case match
    case accent
    case good
    case bad
    case warn
    case danger
    case keyHint
    case status
    case statusError
    case overlay
    case overlayTitle
    case input
    case banner

    /// One letter per style, for the monochrome golden screens' style grid.
    public var code: Character {
        switch self {
        case .normal: "."
        case .dim: "d"
        case .bold: "b"
        case .title: "T"
        case .border: "-"
        case .borderFocused: "="
        case .columnHeader: "h"
        case .selected: "S"
        case .selectedInactive: "s"
        case .marked: "m"
        case .match: "M"
        case .accent: "a"
        case .good: "g"
        case .bad: "x"
        case .warn: "w"
        case .danger: "D"
        case .keyHint: "k"
        case .status: "t"
        case .statusError: "E"
        case .overlay: "o"
        case .overlayTitle: "O"
        case .input: "i"
        case .banner: "B"
        }
    }
}
