/// Keeps the reviewer's place when the pipeline writes a new run: cluster ids change from run
/// to run, names mostly do not. Clusters are matched by their names from the top down.
public enum SelectionCarry {
    public static func carry(_ state: inout AppState, to dataset: Dataset) {
        let old = state.dataset
        let newByPath = Dictionary(dataset.clusters.map { (path($0.id, in: dataset), $0.id) }, uniquingKeysWith: { first, _ in first })
        if let id = state.selectedClusterID {
            state.selectedClusterID = newByPath[path(id, in: old)]
        }
        // Parents stay open or closed as they were; new ones open, as on start.
        let oldParents = Dictionary(old.clusters.filter { !old.isLeaf($0.id) }.map { (path($0.id, in: old), state.expanded.contains($0.id)) },
                                    uniquingKeysWith: { first, _ in first })
        state.expanded = Set(dataset.clusters.filter { !dataset.isLeaf($0.id) && oldParents[path($0.id, in: dataset)] != false }.map(\.id))
    }

    static func path(_ id: ClusterID, in dataset: Dataset) -> String {
        (dataset.ancestors(of: id) + [id]).map { dataset.cluster($0)?.name.lowercased() ?? "" }.joined(separator: "\u{1F}")
    }
}
