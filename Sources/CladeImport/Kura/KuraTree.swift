/// Kura's cluster forest, linked by `parent_id` (children may come before their parents in the file).
struct KuraTree {
    struct Node {
        var id: String
        var name: String
        var description: String
        var slug: String
        var chatIDs: [String]
        var parentID: String?
        var line: Int
        var parent: Int?
    }

    var nodes: [Node] = []
    private(set) var children: [[Int]] = []
    private(set) var roots: [Int] = []
    private var removed: Set<Int> = []

    static func read(_ path: String, knownChats: [String: Int]) throws(ImportError) -> KuraTree {
        let file = InputFile.name(path)
        var tree = KuraTree()
        var byID: [String: Int] = [:]
        for line in try JSONLines.read(path) {
            let id = try line.string("id", in: file)
            if let first = byID[id] { throw ImportError("\(file):\(line.line): cluster id \(id) repeats line \(tree.nodes[first].line)") }
            let chats = try line.stringArray("chat_ids", in: file)
            for chat in chats where knownChats[chat] == nil {
                throw ImportError("\(file):\(line.line): conversation \(chat) is not among the conversations")
            }
            byID[id] = tree.nodes.count
            tree.nodes.append(Node(
                id: id, name: try line.string("name", in: file), description: try line.optionalString("description", in: file) ?? "",
                slug: try line.optionalString("slug", in: file) ?? "", chatIDs: chats,
                parentID: try line.optionalString("parent_id", in: file), line: line.line
            ))
        }
        guard !tree.nodes.isEmpty else { throw ImportError("\(file): no clusters") }
        for i in tree.nodes.indices {
            guard let p = tree.nodes[i].parentID else { continue }
            guard let parent = byID[p] else {
                throw ImportError("\(file):\(tree.nodes[i].line): parent_id \(p) is not a cluster in this file")
            }
            tree.nodes[i].parent = parent
        }
        for i in tree.nodes.indices {
            var seen: Set<Int> = [i]
            var current = tree.nodes[i].parent
            while let p = current {
                guard seen.insert(p).inserted else {
                    throw ImportError("\(file):\(tree.nodes[i].line): the parent_id links form a cycle")
                }
                current = tree.nodes[p].parent
            }
        }
        tree.relink()
        return tree
    }

    private mutating func relink() {
        children = Array(repeating: [], count: nodes.count)
        roots = []
        for i in nodes.indices where !removed.contains(i) {
            if let p = nodes[i].parent { children[p].append(i) } else { roots.append(i) }
        }
    }

    /// Removes every parent with exactly one child; the child takes its place.
    mutating func collapseSingleChildParents() {
        while let n = nodes.indices.first(where: { !removed.contains($0) && children[$0].count == 1 }) {
            let child = children[n][0]
            nodes[child].parent = nodes[n].parent
            removed.insert(n)
            relink()
        }
    }

    /// Live nodes, parents before children, siblings largest first (then by name).
    func preorder() -> [Int] {
        func sorted(_ ids: [Int]) -> [Int] {
            ids.sorted {
                let a = nodes[$0], b = nodes[$1]
                return a.chatIDs.count != b.chatIDs.count ? a.chatIDs.count > b.chatIDs.count : (a.name, a.id) < (b.name, b.id)
            }
        }
        var out: [Int] = []
        var stack = sorted(roots).reversed().map { $0 }
        while let n = stack.popLast() {
            out.append(n)
            stack += sorted(children[n]).reversed()
        }
        return out
    }
}
