import DartCore
import Foundation
import GRDB

extension ModelRegistry {
    /// Points `alias` of the version's (family, product) at `id` and appends the change to history.
    /// - Throws: `RegistryError.versionNotFound`, `.aliasUnchanged` when it already points there,
    ///   `.invalidRegistration` for an empty actor or reason.
    @discardableResult
    public func promote(_ id: String, to alias: ModelAlias, actor: String, reason: String) throws -> AliasChange {
        try Self.requireAudit(actor: actor, reason: reason)
        let changedAt = nowUTC
        let change = try write("promoting \(id) to \(alias.rawValue)") { db in
            let version = try Self.fetchVersion(id, db: db)
            let current = try Self.currentVersion(alias, family: version.family, product: version.product, db: db)
            guard current != id else {
                throw RegistryError(.aliasUnchanged, "\(id) is already the \(alias.rawValue) of \(version.family.rawValue)/\(version.product)", version: id)
            }
            return try Self.record(AliasChange(sequence: 0, family: version.family, product: version.product, alias: alias,
                                               action: .promote, fromVersion: current, toVersion: id, actor: actor,
                                               reason: reason, changedAtUTC: changedAt), db: db)
        }
        log(change)
        return change
    }

    /// Points `alias` back at the version it held before the current one (promotions push,
    /// rollbacks pop, so repeated rollbacks walk further back) and appends the change.
    /// - Throws: `RegistryError.nothingToRollBack` when the alias is unset or has no earlier version.
    @discardableResult
    public func rollback(family: ModelFamilyName, product: String, alias: ModelAlias, actor: String, reason: String) throws -> AliasChange {
        try Self.requireAudit(actor: actor, reason: reason)
        let changedAt = nowUTC
        let change = try write("rolling back \(alias.rawValue) of \(family.rawValue)/\(product)") { db in
            let holders = try Self.holders(alias, family: family, product: product, db: db)
            guard holders.count >= 2, let current = holders.last else {
                throw RegistryError(.nothingToRollBack,
                                    "\(alias.rawValue) of \(family.rawValue)/\(product) has no earlier version to roll back to (history: \(holders.isEmpty ? "empty" : holders.joined(separator: " → ")))")
            }
            return try Self.record(AliasChange(sequence: 0, family: family, product: product, alias: alias, action: .rollback,
                                               fromVersion: current, toVersion: holders[holders.count - 2], actor: actor,
                                               reason: reason, changedAtUTC: changedAt), db: db)
        }
        log(change)
        return change
    }

    /// The version an alias points at, or nil when it was never set.
    public func resolve(_ alias: ModelAlias, family: ModelFamilyName, product: String) throws -> ModelVersion? {
        try read("resolving \(alias.rawValue)") { db in
            try Self.currentVersion(alias, family: family, product: product, db: db).map { try Self.fetchVersion($0, db: db) }
        }
    }

    /// The families that hold any alias for `product`, by name: whatever families registered them.
    public func families(product: String) throws -> [ModelFamilyName] {
        let names: [String] = try read("reading aliases") { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT family FROM model_aliases WHERE product = ? ORDER BY family", arguments: [product])
        }
        return names.map { ModelFamilyName($0) }
    }

    /// Alias changes of a (family, product), oldest first; all aliases unless one is given.
    public func aliasHistory(family: ModelFamilyName, product: String, alias: ModelAlias? = nil) throws -> [AliasChange] {
        try read("reading alias history") { db in try Self.history(alias, family: family, product: product, db: db) }
    }

    /// Current aliases of every (family, product), for listings.
    public func currentAliases() throws -> [String: [ModelAlias]] {
        try read("reading aliases") { db in
            var byVersion = [String: [ModelAlias]]()
            for row in try Row.fetchAll(db, sql: "SELECT version_id, alias FROM model_aliases") {
                if let alias = ModelAlias(rawValue: row["alias"]) { byVersion[row["version_id"], default: []].append(alias) }
            }
            return byVersion.mapValues { held in ModelAlias.allCases.filter(held.contains) }
        }
    }

    // MARK: - Inside a transaction

    private static func currentVersion(_ alias: ModelAlias, family: ModelFamilyName, product: String, db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT version_id FROM model_aliases WHERE family = ? AND product = ? AND alias = ?",
                            arguments: [family.rawValue, product, alias.rawValue])
    }

    /// Versions that held the alias, replaying history: a promotion pushes, a rollback pops.
    private static func holders(_ alias: ModelAlias, family: ModelFamilyName, product: String, db: Database) throws -> [String] {
        var stack = [String]()
        for change in try history(alias, family: family, product: product, db: db) {
            switch change.action {
            case .promote: stack.append(change.toVersion)
            case .rollback: stack.removeLast()
            }
        }
        return stack
    }

    private static func history(_ alias: ModelAlias?, family: ModelFamilyName, product: String, db: Database) throws -> [AliasChange] {
        var sql = "SELECT * FROM alias_history WHERE family = ? AND product = ?"
        var arguments: StatementArguments = [family.rawValue, product]
        if let alias { sql += " AND alias = ?"; arguments += [alias.rawValue] }
        return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map { row in
            AliasChange(sequence: row["id"], family: family, product: product,
                        alias: ModelAlias(rawValue: row["alias"]) ?? .champion,
                        action: AliasChange.Action(rawValue: row["action"]) ?? .promote,
                        fromVersion: row["from_version"], toVersion: row["to_version"], actor: row["actor"],
                        reason: row["reason"], changedAtUTC: row["changed_at_utc"])
        }
    }

    private static func record(_ change: AliasChange, db: Database) throws -> AliasChange {
        try db.execute(sql: """
            INSERT INTO alias_history (family, product, alias, action, from_version, to_version, actor, reason, changed_at_utc)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [change.family.rawValue, change.product, change.alias.rawValue, change.action.rawValue,
                             change.fromVersion, change.toVersion, change.actor, change.reason, change.changedAtUTC])
        var recorded = change
        recorded.sequence = db.lastInsertedRowID
        try db.execute(sql: """
            INSERT INTO model_aliases (family, product, alias, version_id) VALUES (?, ?, ?, ?)
            ON CONFLICT (family, product, alias) DO UPDATE SET version_id = excluded.version_id
            """, arguments: [change.family.rawValue, change.product, change.alias.rawValue, change.toVersion])
        return recorded
    }

    private static func requireAudit(actor: String, reason: String) throws {
        guard !actor.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RegistryError(.invalidRegistration, "alias changes need an actor (who); pass a user name")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RegistryError(.invalidRegistration, "alias changes need a reason; say why (e.g. --reason \"lower backtest MAE\")")
        }
    }

    private func log(_ change: AliasChange) {
        logger.notice("alias changed", metadata: [
            "model_version": "\(change.toVersion)", "from_version": "\(change.fromVersion ?? "-")",
            "alias": "\(change.alias.rawValue)", "action": "\(change.action.rawValue)", "actor": "\(change.actor)",
        ])
    }
}
