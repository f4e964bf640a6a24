import CladeCore

/// `import csv --cluster-column`: the pipeline's own clustering, kept as it is. Each row names its
/// cluster; `--parent-column` its cluster's parent and `--cluster-name-column` its cluster's name
/// (both must agree on every row of a cluster). Clusters without a name are named by their c-TF-IDF
/// keywords, as Clade names its own; every cluster gets its keywords.
struct GivenClusters {
    struct Columns {
        var cluster: Int
        var parent: Int?
        var name: Int?
    }

    /// Per kept row: its cluster, its cluster's parent and name as the file gives them.
    var values: [(line: Int, cluster: String, parent: String?, name: String?)] = []

    /// Adds the clusters and assignments to `pipeline`; `texts` are the kept rows' texts.
    func add(to pipeline: inout ImportedPipeline, texts: [String], file: String, header: [String], columns: Columns) throws(ImportError) {
        var order: [String] = []
        var index: [String: Int] = [:]
        var parentOf: [String: (value: String, line: Int)] = [:]
        var nameOf: [String: (value: String, line: Int)] = [:]
        var labels: [Int] = []
        for v in values {
            guard !v.cluster.isEmpty else {
                throw ImportError("\(file):\(v.line): no cluster in column '\(header[columns.cluster])' (every question needs one)")
            }
            if index[v.cluster] == nil {
                index[v.cluster] = order.count
                order.append(v.cluster)
            }
            labels.append(index[v.cluster]!)
            if let p = v.parent, !p.isEmpty {
                if let known = parentOf[v.cluster], known.value != p {
                    throw ImportError("\(file):\(v.line): cluster '\(v.cluster)' has parent '\(p)' here but '\(known.value)' on line \(known.line)")
                }
                parentOf[v.cluster] = (p, v.line)
            }
            if let n = v.name, !n.isEmpty {
                if let known = nameOf[v.cluster], known.value != n {
                    throw ImportError("\(file):\(v.line): cluster '\(v.cluster)' is named '\(n)' here but '\(known.value)' on line \(known.line)")
                }
                nameOf[v.cluster] = (n, v.line)
            }
        }
        for (c, p) in parentOf where index[p.value] != nil {
            throw ImportError("\(file):\(p.line): cluster '\(c)' has parent '\(p.value)', which is itself a cluster questions are in; a parent only groups clusters")
        }

        let tokenizer = Tokenizer()
        let keywords = ClassTFIDF.keywords(documents: texts.map(tokenizer.tokens), labels: labels, classCount: order.count, top: 10, minimumCount: 2)
            .map { $0.map(\.term) }
        let generated = ClusterNaming.uniqueNames(keywords, words: 3)
        var members: [[Int]] = Array(repeating: [], count: order.count)
        for (row, label) in labels.enumerated() { members[label].append(row) }

        let parents = Array(Set(parentOf.values.map(\.value))).sorted()
        for p in parents { pipeline.clusters.append(.init(externalID: p, name: p, description: "", keywords: [])) }
        let parentIndex = Dictionary(uniqueKeysWithValues: parents.enumerated().map { ($1, $0) })
        let firstLeaf = pipeline.clusters.count
        for (i, c) in order.enumerated() {
            let quoted = ClusterNaming.distinct(members[i].map { texts[$0] }, count: 3)
            pipeline.clusters.append(.init(
                externalID: c, name: nameOf[c]?.value ?? generated[i], description: ClusterNaming.description(quoting: quoted),
                keywords: keywords[i], isOutlier: c == "-1", parent: parentOf[c].flatMap { parentIndex[$0.value] }
            ))
        }
        pipeline.assignments = labels.enumerated().map { q, label in .init(question: q, cluster: firstLeaf + label) }
    }
}
