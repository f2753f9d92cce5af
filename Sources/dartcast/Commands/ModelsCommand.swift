import ArgumentParser
import DartCore
import DartModels
import DartPipeline
import DartRuntime
import DartServer
import Foundation

/// `dartcast models …`: inspect registered model versions and move the champion/challenger aliases.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List, show, promote and roll back registered model versions.",
        subcommands: [List.self, Show.self, Promote.self, Rollback.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List model versions, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this family (\(ModelsCommand.familyChoices)).") var family: String?
        @Option(help: "Only this product (e.g. dayahead, hourly).") var product: String?
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func validate() throws { _ = try family.map(ModelsCommand.parseFamily) }

        static let header = ["model_version", "model_family", "product", "training_from_utc", "training_to_utc", "created_at", "aliases"]

        func run() throws {
            let registry = try ModelsCommand.openRegistry(global)
            let versions = try registry.versions(family: family.map(ModelsCommand.parseFamily), product: product)
            let aliases = try registry.currentAliases()
            if format == .json {
                print(try OutputFormat.json(ModelListView.Model.all(in: registry, family: family.map(ModelsCommand.parseFamily), product: product)))
                return
            }
            guard !versions.isEmpty || format == .csv else { print("no model versions"); return }
            let rows = versions.map { version in
                [version.id, version.family.rawValue, version.product, UTCFormat.iso8601(version.trainingFromUTC),
                 UTCFormat.iso8601(version.trainingToUTC), UTCFormat.iso8601(version.createdAtUTC),
                 aliases[version.id]?.map(\.rawValue).joined(separator: " ") ?? ""]
            }
            print(OutputFormat.text(header: Self.header, rows: rows, format: format))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one version: provenance, artifacts, metrics, aliases.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The version id (see `models list`).") var version: String
        @Flag(help: "Print JSON instead of text.") var json = false
        @Flag(help: "Skip re-hashing the artifacts.") var noVerify = false

        func run() throws {
            let registry = try ModelsCommand.openRegistry(global)
            let details = try registry.details(version)
            let artifactsOK: String
            if noVerify {
                artifactsOK = "not checked"
            } else {
                _ = try registry.artifactURLs(version, verify: true)  // throws naming a tampered file
                artifactsOK = "sha256 verified"
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(details), as: UTF8.self))
                return
            }
            let v = details.version
            var lines = [
                "version:         \(v.id)",
                "family/product:  \(v.family.rawValue) / \(v.product)",
                "training window: \(UTCFormat.iso8601(v.trainingFromUTC)) … \(UTCFormat.iso8601(v.trainingToUTC))",
                "row digest:      \(v.rowDigest)",
                "seed:            \(v.seed)",
                "git SHA:         \(v.gitSHA)",
                "created:         \(UTCFormat.iso8601(v.createdAtUTC))",
                "aliases:         \(details.aliases.isEmpty ? "-" : details.aliases.map(\.rawValue).joined(separator: ", "))",
                "hyperparameters: \(v.hyperparametersJSON)",
                "features (\(v.featureNames.count)): \(v.featureNames.joined(separator: ", "))",
                "artifacts (\(artifactsOK)):",
            ]
            lines += v.artifacts.map { "  \($0.relativePath)  \($0.byteCount) B  sha256 \($0.sha256)" }
            for metrics in details.metrics {
                lines.append("\(metrics.kind.rawValue) metrics (attached \(UTCFormat.iso8601(metrics.attachedAtUTC))): \(metrics.json)")
            }
            let history = try registry.aliasHistory(family: v.family, product: v.product)
            if !history.isEmpty {
                lines.append("alias history of \(v.family.rawValue)/\(v.product):")
                lines += history.map(ModelsCommand.describe)
            }
            print(lines.joined(separator: "\n"))
        }
    }

    struct Promote: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Point an alias at a version (recorded in the alias history).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The version id to promote.") var version: String
        @Option(help: "champion or challenger.") var alias: String = ModelAlias.champion.rawValue
        @Option(help: "Why (kept in the history).") var reason: String

        func validate() throws { _ = try ModelsCommand.parseAlias(alias) }

        func run() throws {
            let change = try ModelsCommand.openRegistry(global)
                .promote(version, to: ModelsCommand.parseAlias(alias), actor: ModelsCommand.actor(), reason: reason)
            print(ModelsCommand.describe(change))
        }
    }

    struct Rollback: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Point an alias back at the version it held before the current one.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Model family (\(ModelsCommand.familyChoices)).") var family: String
        @Option(help: "Product (e.g. dayahead, hourly).") var product: String
        @Option(help: "champion or challenger.") var alias: String = ModelAlias.champion.rawValue
        @Option(help: "Why (kept in the history).") var reason: String

        func validate() throws {
            _ = try ModelsCommand.parseFamily(family)
            _ = try ModelsCommand.parseAlias(alias)
        }

        func run() throws {
            let change = try ModelsCommand.openRegistry(global)
                .rollback(family: ModelsCommand.parseFamily(family), product: product, alias: ModelsCommand.parseAlias(alias),
                          actor: ModelsCommand.actor(), reason: reason)
            print(ModelsCommand.describe(change))
        }
    }

    // MARK: - Shared by the subcommands

    static let familyNames = DartRuntime.Registrations.standard.families.knownNames
    static let familyChoices = familyNames.map(\.rawValue).joined(separator: ", ")

    static func parseFamily(_ text: String) throws -> ModelFamilyName {
        let family = ModelFamilyName(text)
        guard familyNames.contains(family) else {
            throw ValidationError("--family '\(text)' is not one of \(familyChoices)")
        }
        return family
    }

    static func parseAlias(_ text: String) throws -> ModelAlias {
        guard let alias = ModelAlias(rawValue: text) else {
            throw ValidationError("--alias '\(text)' is not one of \(ModelAlias.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return alias
    }

    /// Read-only and alias commands never create a registry: a wrong --data-dir fails loudly.
    static func openRegistry(_ global: GlobalOptions) throws -> ModelRegistry {
        try ModelRegistry(root: ModelRegistry.url(dataDirectory: global.resolvedDataDirectory()), createIfMissing: false,
                          now: { Date() }, logger: global.makeLogger(label: "dartcast.models"))
    }

    /// Who changes an alias: `$USER`, else `dartcast`.
    static func actor() -> String {
        let user = ProcessInfo.processInfo.environment["USER"] ?? ""
        return user.isEmpty ? "dartcast" : user
    }

    static func describe(_ change: AliasChange) -> String {
        "#\(change.sequence) \(UTCFormat.iso8601(change.changedAtUTC)) \(change.action.rawValue) \(change.alias.rawValue) "
            + "\(change.family.rawValue)/\(change.product): \(change.fromVersion ?? "-") → \(change.toVersion) "
            + "by \(change.actor): \(change.reason)"
    }
}
