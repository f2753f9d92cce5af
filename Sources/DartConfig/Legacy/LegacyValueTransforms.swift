/// Legacy values whose shape changed. Each returns the new (path, value) pairs, or nil after
/// recording why the value cannot be converted.
enum LegacyValueTransforms {
    struct Result {
        let path: String
        let node: JSONNode
        let implied: Bool
    }

    static func apply(_ transform: LegacyValueTransform, _ node: JSONNode, legacyPath: String,
                      context: ReadContext) -> [Result]? {
        func result(_ path: String, _ value: JSONNode.Value, implied: Bool = false) -> Result {
            Result(path: path, node: JSONNode(value, line: node.line, column: node.column), implied: implied)
        }
        func fail(_ message: String) -> [Result]? {
            context.error(.invalidValue, legacyPath, at: node, message)
            return nil
        }
        switch transform {
        case .bothJobsRetries:
            return ["daily_retrain", "hourly_predict"].map { result("scheduling.jobs.\($0).retries", node.value) }
        case .blobContainer:
            // The replaced system wrote only to Azure Blob Storage.
            return [result("storage.object_store.container", node.value),
                    result("storage.object_store.kind", .string("azure"), implied: true)]
        case .partitionFormat:
            guard case .string("YYYY/MM/DD/HH") = node.value else {
                return fail("the only legacy partition format dartcast writes is \"YYYY/MM/DD/HH\"; set output.partition_layout to hive or legacy instead")
            }
            return [result("output.partition_layout", .string("legacy"))]
        case .predictionsTable:
            guard case .string(let name) = node.value else { return fail("expected a table name such as \"ercot.predictions_dart_spread\", got \(node.typeName)") }
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            switch parts.count {
            case 1: return [result("sql.table", .string(parts[0]))]
            case 2: return [result("sql.schema", .string(parts[0])), result("sql.table", .string(parts[1]))]
            default: return fail("expected table or schema.table, got \"\(name)\"")
            }
        case .ensembleMethod:
            guard case .string(let method) = node.value else { return fail("expected a string such as \"weighted_average\" or \"none\", got \(node.typeName)") }
            return [result("models.ensemble", .bool(method.lowercased() != "none"))]
        case .threadCount:
            guard case .number(let count) = node.value, count == count.rounded(), count >= -1 else {
                return fail("expected a whole number of threads, or -1 for all cores")
            }
            return [result("models.threads", .number(count < 0 ? 0 : count))]
        case .hyperparameters(let family):
            guard let members = node.members else { return fail("expected an object of name: number, got \(node.typeName)") }
            // Non-numeric entries (objective, boosting type, activation) are chosen by dartcast.
            var numeric: [JSONMember] = []
            for member in members {
                if case .number = member.node.value { numeric.append(member); continue }
                context.warn(.legacyKeyIgnored, legacyPath + "." + member.key, at: member.node,
                             "not a number, not read: dartcast sets objectives and model structure itself (models.objective)")
            }
            return [result("models.hyperparameters.\(family)", .object(numeric))]
        }
    }
}
