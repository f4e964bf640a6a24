import Foundation

/// The groups a hierarchy is cut into: each internal node kept becomes a parent of the topics under it.
struct HierarchyCut {
    struct Group {
        var id: String
        var words: [String]
        var distance: Double
        var topics: [Int]
    }

    var groups: [Group]
    /// Topic → index into `groups`; topics under no group stay at the top.
    var parentOfTopic: [Int: Int]
}

/// `hierarchical_topics()`: a binary merge tree over the topics (leaves are topic ids, merged
/// nodes have larger ids; one row per merge).
struct BERTopicHierarchy {
    struct Merge {
        var id: Int
        var name: String
        var left: Int
        var right: Int
        var distance: Double
    }

    var merges: [Int: Merge] = [:]
    var root: Int?
    /// Topics that appear in the tree.
    var leaves: Set<Int> = []

    static func read(_ path: String, topics: Set<Int>) throws(ImportError) -> BERTopicHierarchy {
        let file = InputFile.name(path)
        let table = try BERTopicImporter.readCSV(path)
        let required = ["Parent_ID", "Parent_Name", "Child_Left_ID", "Child_Right_ID", "Distance"]
        let columns = try required.map { name throws(ImportError) -> Int in
            guard let c = table.column(named: name) else {
                throw ImportError("\(file): no '\(name)' column; is this hierarchical_topics() output? Columns: \(table.header.joined(separator: ", "))")
            }
            return c
        }
        var tree = BERTopicHierarchy()
        var lineOf: [Int: Int] = [:]
        for record in table.records {
            let at = "\(file):\(record.line)"
            func integer(_ c: Int) throws(ImportError) -> Int {
                guard let v = Int(record.fields[c].trimmingWhitespace()) else {
                    throw ImportError("\(at): \(table.header[c]) '\(record.fields[c])' is not an integer")
                }
                return v
            }
            let id = try integer(columns[0])
            guard let distance = ValueParsing.number(record.fields[columns[4]]) else {
                throw ImportError("\(at): Distance '\(record.fields[columns[4]])' is not a number")
            }
            guard tree.merges[id] == nil else { throw ImportError("\(at): Parent_ID \(id) repeats line \(lineOf[id]!)") }
            lineOf[id] = record.line
            tree.merges[id] = Merge(
                id: id, name: record.fields[columns[1]], left: try integer(columns[2]), right: try integer(columns[3]), distance: distance
            )
        }
        guard !tree.merges.isEmpty else { throw ImportError("\(file): no merges") }
        var children: Set<Int> = []
        for merge in tree.merges.values {
            for child in [merge.left, merge.right] {
                guard tree.merges[child] != nil || topics.contains(child) else {
                    throw ImportError("\(file):\(lineOf[merge.id]!): child \(child) is neither a topic nor a merged node")
                }
                guard children.insert(child).inserted else {
                    throw ImportError("\(file):\(lineOf[merge.id]!): node \(child) has two parents")
                }
                if tree.merges[child] == nil { tree.leaves.insert(child) }
            }
        }
        let roots = tree.merges.keys.filter { !children.contains($0) }
        guard roots.count == 1 else { throw ImportError("\(file): expected one root merge, found \(roots.count)") }
        tree.root = roots[0]
        return tree
    }

    /// Splits the tree from the root down into `count` subtrees (or until only topics are left),
    /// always splitting the subtree that holds the most topics (ties: the wider merge). Each subtree
    /// of two or more topics becomes a parent and a lone topic stays at the top, so the binary tree
    /// (about log₂(topics) levels deep) reads as one level of about √topics parents of similar size.
    /// Splitting by merge distance instead gives one parent with nearly half the topics on banking77.
    func cut(into count: Int) -> HierarchyCut {
        guard count > 0, let root else { return HierarchyCut(groups: [], parentOfTopic: [:]) }
        var size: [Int: Int] = [:]
        func topicCount(_ node: Int) -> Int {
            if let known = size[node] { return known }
            let n = merges[node].map { topicCount($0.left) + topicCount($0.right) } ?? 1
            size[node] = n
            return n
        }
        var frontier = [root]
        while frontier.count < count {
            let candidates = frontier.filter { merges[$0] != nil }
            guard let largest = candidates.max(by: { a, b in
                let (sa, sb) = (topicCount(a), topicCount(b))
                if sa != sb { return sa < sb }
                let (da, db) = (merges[a]!.distance, merges[b]!.distance)
                return da != db ? da < db : a > b
            }) else { break }
            let merge = merges[largest]!
            frontier.removeAll { $0 == largest }
            frontier += [merge.left, merge.right]
        }
        var groups: [HierarchyCut.Group] = []
        var parentOfTopic: [Int: Int] = [:]
        for node in frontier {
            guard let merge = merges[node] else { continue }
            let topics = topicsUnder(node).sorted()
            for t in topics { parentOfTopic[t] = groups.count }
            groups.append(.init(
                id: String(node), words: merge.name.split(separator: "_").map(String.init), distance: merge.distance, topics: topics
            ))
        }
        // Reading order: groups by their smallest topic id (BERTopic numbers topics by size).
        let order = groups.indices.sorted { groups[$0].topics.first ?? 0 < groups[$1].topics.first ?? 0 }
        var position: [Int: Int] = [:]
        for (new, old) in order.enumerated() { position[old] = new }
        return HierarchyCut(groups: order.map { groups[$0] }, parentOfTopic: parentOfTopic.mapValues { position[$0]! })
    }

    private func topicsUnder(_ node: Int) -> [Int] {
        guard let merge = merges[node] else { return [node] }
        return topicsUnder(merge.left) + topicsUnder(merge.right)
    }
}
