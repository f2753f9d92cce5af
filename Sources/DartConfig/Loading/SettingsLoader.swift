import Foundation

/// Loads settings.json, the `.env` file and the environment.
///
/// Keys of the replaced system's settings.json are honoured or ignored with warnings; unknown
/// keys, wrong types, invalid values and literal secrets are errors naming their JSON path.
public enum SettingsLoader {
    /// Loads settings or throws the first problem (run `check` to list them all).
    ///
    /// - Parameters:
    ///   - path: settings.json; nil or a missing file means all defaults (with a warning).
    ///   - environment: the process environment; it wins over `.env`.
    ///   - dotenvDirectory: directory whose `.env` file is read, if it exists; nil reads none.
    /// - Throws: `ConfigError` for unreadable files, bad JSON, unknown keys, wrong types,
    ///   invalid values and secrets written into the file.
    public static func load(path: URL?, environment: [String: String], dotenvDirectory: URL?) throws(ConfigError) -> LoadedSettings {
        let report = check(path: path, environment: environment, dotenvDirectory: dotenvDirectory)
        if let first = report.errors.first { throw first }
        guard let loaded = report.loaded else {
            throw ConfigError(.unreadableFile, file: path?.path ?? "settings.json", path: "", message: "settings could not be loaded")
        }
        return loaded
    }

    /// Reads everything and reports every warning and error instead of stopping at the first.
    public static func check(path: URL?, environment: [String: String], dotenvDirectory: URL?) -> SettingsReport {
        let fileName = path?.path ?? "settings.json"
        let context = ReadContext(file: fileName)
        var settingsFile: URL?
        var root = JSONNode(.object([]))
        if let path {
            switch readText(path, context: context) {
            case .some(let text):
                settingsFile = path
                do {
                    root = try JSONParser.parse(text)
                } catch {
                    context.record(ConfigError(.syntax, file: fileName, path: "", line: error.line, column: error.column,
                                               message: "not valid JSON: \(error.message)"))
                }
            case .none where !FileManager.default.fileExists(atPath: path.path):
                context.warn(.fileMissing, "", at: nil, "no settings file here; every setting has its default (`dartcast config show` prints them)")
            case .none:
                break  // unreadable: recorded
            }
        } else {
            context.warn(.fileMissing, "", at: nil, "no settings file given; every setting has its default")
        }
        return finish(root: root, context: context, settingsFile: settingsFile, environment: environment, dotenvDirectory: dotenvDirectory)
    }

    /// Reads settings from JSON text (tests and tools); `fileName` appears in messages.
    public static func check(json text: String, fileName: String = "settings.json", environment: [String: String] = [:],
                             dotenv: [String: String] = [:]) -> SettingsReport {
        let context = ReadContext(file: fileName)
        var root = JSONNode(.object([]))
        do {
            root = try JSONParser.parse(text)
        } catch {
            context.record(ConfigError(.syntax, file: fileName, path: "", line: error.line, column: error.column,
                                       message: "not valid JSON: \(error.message)"))
        }
        return finish(root: root, context: context, settingsFile: nil, environment: environment, dotenv: dotenv, dotenvFile: nil)
    }

    private static func finish(root: JSONNode, context: ReadContext, settingsFile: URL?, environment: [String: String],
                               dotenvDirectory: URL?) -> SettingsReport {
        var dotenv: [String: String] = [:]
        var dotenvFile: URL?
        if let dotenvDirectory {
            let candidate = dotenvDirectory.appendingPathComponent(".env")
            if FileManager.default.fileExists(atPath: candidate.path), let text = readText(candidate, context: context) {
                do {
                    dotenv = try Dotenv.parse(text, file: candidate.path)
                    dotenvFile = candidate
                } catch {
                    context.record(error)
                }
            }
        }
        return finish(root: root, context: context, settingsFile: settingsFile, environment: environment, dotenv: dotenv, dotenvFile: dotenvFile)
    }

    private static func finish(root: JSONNode, context: ReadContext, settingsFile: URL?, environment: [String: String],
                               dotenv: [String: String], dotenvFile: URL?) -> SettingsReport {
        guard root.members != nil else {
            context.error(.wrongType, "", at: root, "the settings file must hold a JSON object ({ … }), got \(root.typeName)")
            return SettingsReport(loaded: nil, warnings: context.sortedWarnings, errors: context.errors)
        }
        let migrated = LegacySettingsMigration.migrate(root, context: context)
        let settings = Settings(reading: ObjectReader(path: "", node: migrated, context: context))
        SettingsConsistency.check(settings, context: context)
        let secrets = Secrets(references: settings.secretReferences, environment: environment, dotenv: dotenv)
        for missing in secrets.missingNeeded {
            context.warn(.secretMissing, missing.settingPath, at: nil,
                         "an enabled feature needs this secret; set the environment variable \(missing.environmentVariable) or put it in .env")
        }
        guard context.errors.isEmpty else {
            return SettingsReport(loaded: nil, warnings: context.sortedWarnings, errors: context.errors)
        }
        let loaded = LoadedSettings(settings: settings, warnings: context.sortedWarnings, secrets: secrets,
                                    settingsFile: settingsFile, dotenvFile: dotenvFile)
        return SettingsReport(loaded: loaded, warnings: context.sortedWarnings, errors: [])
    }

    /// The file's text; nil when missing, or when unreadable (recorded as an error).
    private static func readText(_ url: URL, context: ReadContext) -> String? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            context.record(ConfigError(.unreadableFile, file: url.path, path: "", message: "cannot read the file; check its permissions"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            context.record(ConfigError(.unreadableFile, file: url.path, path: "", message: "the file is not UTF-8 text"))
            return nil
        }
        return text
    }
}
