/// Rewrites a settings tree that uses the replaced system's keys into the new layout before the
/// strict reader sees it: honoured keys move to their new paths (with a warning to rename),
/// unneeded ones are dropped with a warning, literal secrets become errors. Paths of moved
/// values are recorded so later errors name the key the user wrote.
enum LegacySettingsMigration {
    private struct Placement {
        let path: String
        let node: JSONNode
        let writtenAs: String
        /// Filled only when the user did not set the target themselves.
        let implied: Bool
    }

    static func migrate(_ root: JSONNode, context: ReadContext) -> JSONNode {
        guard var sections = root.members else { return root }
        var placements: [Placement] = []
        for sectionIndex in sections.indices {
            let section = sections[sectionIndex]
            guard let members = section.node.members else { continue }
            var kept: [JSONMember] = []
            for member in members {
                let legacyPath = section.key + "." + member.key
                guard let rule = LegacyKeyRules.all[legacyPath] else { kept.append(member); continue }
                placements += apply(rule, member.node, legacyPath: legacyPath, root: root, context: context)
            }
            sections[sectionIndex].node.value = .object(kept)
        }
        var migrated = JSONNode(.object(sections), line: root.line, column: root.column)
        for placement in placements {
            let components = placement.path.split(separator: ".").map(String.init)
            if migrated.node(at: components) != nil {
                if !placement.implied {
                    context.error(.conflictingKeys, placement.writtenAs, at: placement.node,
                        "both this legacy key and \(placement.path) are set; remove \(placement.writtenAs)")
                }
                continue
            }
            if migrated.set(placement.node, at: components) {
                context.writtenPaths[placement.path] = placement.writtenAs
            }
        }
        return migrated
    }

    private static func apply(_ rule: LegacyKeyRule, _ node: JSONNode, legacyPath: String, root: JSONNode,
                              context: ReadContext) -> [Placement] {
        switch rule {
        case .rename(let newPath):
            context.warn(.legacyKeyMapped, legacyPath, at: node, "legacy key, read as \(newPath); rename it")
            return [Placement(path: newPath, node: node, writtenAs: legacyPath, implied: false)]
        case .ignore(let reason):
            context.warn(.legacyKeyIgnored, legacyPath, at: node, "legacy key, not needed and not read (\(reason)); remove it")
            return []
        case .secret(let envKey, let defaultVariable):
            // Name the variable the user configured, if they already did.
            let configured = root.node(at: envKey.split(separator: ".").map(String.init))
            var variable = defaultVariable
            if case .string(let name)? = configured?.value, LiteralSecretDetector.isEnvironmentVariableName(name) { variable = name }
            LiteralSecretRule.check(node, path: legacyPath, envKey: envKey, envVar: variable, context: context)
            return []
        case .transform(let transform):
            guard let results = LegacyValueTransforms.apply(transform, node, legacyPath: legacyPath, context: context) else { return [] }
            let targets = results.filter { !$0.implied }.map(\.path).joined(separator: " and ")
            context.warn(.legacyKeyMapped, legacyPath, at: node, "legacy key, read as \(targets); rename it")
            return results.map { Placement(path: $0.path, node: $0.node, writtenAs: legacyPath, implied: $0.implied) }
        }
    }
}
