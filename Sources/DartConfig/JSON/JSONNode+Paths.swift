extension JSONNode {
    /// The node at a dotted path of object keys, or nil.
    func node(at path: [String]) -> JSONNode? {
        guard let first = path.first else { return self }
        return members?.first { $0.key == first }?.node.node(at: Array(path.dropFirst()))
    }

    /// Sets the node at a dotted path, creating objects on the way. Returns false (and changes
    /// nothing) when something on the way is not an object.
    @discardableResult
    mutating func set(_ node: JSONNode, at path: [String]) -> Bool {
        guard let first = path.first else { self = node; return true }
        guard var members else { return false }
        let rest = Array(path.dropFirst())
        if let index = members.firstIndex(where: { $0.key == first }) {
            guard members[index].node.set(node, at: rest) else { return false }
        } else {
            var child = JSONNode(.object([]))
            guard child.set(node, at: rest) else { return false }
            members.append(JSONMember(first, child))
        }
        value = .object(members)
        return true
    }
}
