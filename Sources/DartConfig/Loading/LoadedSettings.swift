import Foundation

/// The outcome of loading: settings, what the user should fix (warnings), and the resolved secrets.
public struct LoadedSettings: Sendable {
    public let settings: Settings
    public let warnings: [ConfigWarning]
    public let secrets: Secrets
    /// The settings file read, or nil when none was found (all defaults).
    public let settingsFile: URL?
    /// The `.env` file read, or nil.
    public let dotenvFile: URL?
}

/// Everything one read found, for `config validate`: settings only when there is no error.
public struct SettingsReport: Sendable {
    public let loaded: LoadedSettings?
    public let warnings: [ConfigWarning]
    public let errors: [ConfigError]

    public var isValid: Bool { errors.isEmpty }

    /// One line per problem (`warning: …`, `error: …`) and a summary line.
    public var lines: [String] {
        warnings.map { "warning: \($0)" } + errors.map { "error: \($0)" }
            + ["\(warnings.count) warning\(warnings.count == 1 ? "" : "s"), \(errors.count) error\(errors.count == 1 ? "" : "s")"]
    }

    /// This report with the errors of a check made above DartConfig (the model family table);
    /// it keeps the settings only while there is no error.
    public func adding(_ more: [ConfigError]) -> SettingsReport {
        SettingsReport(loaded: more.isEmpty ? loaded : nil, warnings: warnings, errors: errors + more)
    }
}
