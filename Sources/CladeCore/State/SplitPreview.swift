/// A suggested split of one cluster, or re-cluster of several, being computed or shown. The
/// proposal on screen stays while another k is computed (`computing`): keys go on working and
/// the newest request wins.
public struct SplitPreview: Equatable, Sendable {
    /// The cluster that keeps its id (the first source).
    public var clusterID: ClusterID
    /// Every cluster re-cut: `[clusterID]` for a split, the marked clusters for a re-cluster.
    public var sources: [ClusterID]
    /// The k asked for; nil while choosing it automatically.
    public var requestedK: Int?
    public var progress: Double?
    public var phase: String
    public var proposal: SplitProposal?
    public var error: String?
    /// A proposal for `requestedK` is being computed (the one shown, if any, is for an earlier k).
    public var computing: Bool
    /// Where each part of the proposal goes, in the proposal's order.
    public var routes: [PartRoute]
    /// The name each part would get as a new cluster (prefilled with its keyword suggestion).
    public var names: [String]
    /// The new name of the cluster that keeps its id; nil: named after what stays in it.
    public var survivorName: String?
    /// The part under the cursor.
    public var cursor: Int
    /// The one text field, open to type a k or a name.
    public var field: TextField?
    public var editing: Editing?
    /// Enter was pressed while a k was being computed: the split is recorded when it shows.
    public var acceptWhenReady: Bool

    public enum Editing: Equatable, Sendable {
        case k
        /// The name of the part (kept as a new cluster) under the cursor.
        case partName(Int)
        /// The name of the cluster that keeps its id.
        case survivorName
    }

    public init(clusterID: ClusterID, sources: [ClusterID]? = nil, requestedK: Int? = nil) {
        self.clusterID = clusterID
        self.sources = sources ?? [clusterID]
        self.requestedK = requestedK
        phase = "Starting"
        computing = true
        acceptWhenReady = false
        routes = []
        names = []
        cursor = 0
    }

    public var isRecluster: Bool { sources.count > 1 }
}

/// Where a part of a split goes.
public enum PartRoute: Equatable, Sendable {
    /// A new cluster, named in `SplitPreview.names`.
    case keep
    /// Back into the cluster that keeps its id.
    case foldBack
    /// Merged into an existing cluster outside the split.
    case into(ClusterID)
}

/// What a suggested split would make.
public struct SplitProposal: Equatable, Sendable {
    public struct Neighbour: Equatable, Sendable {
        public var clusterID: ClusterID
        public var name: String
        /// Cosine between the part's centre and the cluster's.
        public var similarity: Double
        public init(clusterID: ClusterID, name: String, similarity: Double) {
            self.clusterID = clusterID
            self.name = name
            self.similarity = similarity
        }
    }

    public struct Part: Equatable, Sendable {
        public var questionIDs: [QuestionID]
        public var stats: ClusterStats
        public var keywords: [String]
        /// The part's most central questions (nearest its centre), most central first.
        public var samples: [String]
        /// Its most borderline questions (nearest another part's centre), most borderline first.
        public var borderline: [String]
        /// Mean cosine of its questions to its centre.
        public var cohesion: Double?
        /// The nearest existing clusters outside the split, nearest first.
        public var nearest: [Neighbour]

        public init(questionIDs: [QuestionID], stats: ClusterStats, keywords: [String], samples: [String],
                    borderline: [String] = [], cohesion: Double? = nil, nearest: [Neighbour] = []) {
            self.questionIDs = questionIDs
            self.stats = stats
            self.keywords = keywords
            self.samples = samples
            self.borderline = borderline
            self.cohesion = cohesion
            self.nearest = nearest
        }

        /// A name from the part's distinctive words.
        public var suggestedName: String {
            let name = keywords.prefix(3).joined(separator: " · ")
            return name.prefix(1).uppercased() + name.dropFirst()
        }
    }

    public var clusterID: ClusterID
    public var k: Int
    /// Chosen automatically rather than by the reviewer.
    public var automatic: Bool
    public var silhouette: Double?
    /// "embeddings" or "TF-IDF".
    public var vectors: String
    /// Largest part first; by default it stays in the cluster, the others become new clusters.
    public var parts: [Part]
    /// How k was chosen ("knee of the cohesion curve"…); empty when the reviewer chose it.
    public var criterion: String
    /// The k the proposal answers (nil: automatic): a proposal for an older request is dropped.
    public var requestedK: Int?
    /// Cohesion of the clusters before the cut (all sources together).
    public var cohesionBefore: Double?

    public init(clusterID: ClusterID, k: Int, automatic: Bool, silhouette: Double?, vectors: String, parts: [Part],
                criterion: String = "", requestedK: Int? = nil, cohesionBefore: Double? = nil) {
        self.clusterID = clusterID
        self.k = k
        self.automatic = automatic
        self.silhouette = silhouette
        self.vectors = vectors
        self.parts = parts
        self.criterion = criterion
        self.requestedK = requestedK
        self.cohesionBefore = cohesionBefore
    }
}
