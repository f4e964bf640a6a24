import CladeCore
/// An input problem the user can fix, phrased as the one line `clade` prints.
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    public static let cancelled = ImportError("import cancelled; nothing was written")
}

