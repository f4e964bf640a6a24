/// A re-cut of one cluster (a routed split) or of several together (a re-cluster), recorded as
/// one decision: the other sources are merged into the first, then each part goes where the
/// reviewer routed it. Questions of the sources in no part stay in the first source.
public struct Recluster: Equatable, Sendable {
    /// The clusters re-cut; the first keeps its id (and the parts folded back), the others are merged into it.
    public var sources: [ClusterID]
    /// A new name for the first source (what stays in it), or nil to keep its name.
    public var name: String?
    /// A new description for the first source, or nil to keep it.
    public var description: String?
    public var parts: [RoutedPart]

    public init(sources: [ClusterID], name: String? = nil, description: String? = nil, parts: [RoutedPart]) {
        self.sources = sources
        self.name = name
        self.description = description
        self.parts = parts
    }

    public var survivor: ClusterID? { sources.first }
}

/// One part of a re-cut and where it goes.
public struct RoutedPart: Equatable, Sendable {
    public enum Route: Equatable, Sendable {
        /// A new cluster beside the first source.
        case newCluster(name: String, description: String)
        /// Folded back: the questions stay in the first source.
        case foldBack
        /// Moved into an existing cluster outside the re-cut.
        case into(ClusterID)
    }

    public var questionIDs: [QuestionID]
    public var route: Route

    public init(questionIDs: [QuestionID], route: Route) {
        self.questionIDs = questionIDs
        self.route = route
    }
}
