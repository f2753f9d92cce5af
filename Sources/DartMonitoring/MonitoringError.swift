/// A monitoring pass could not read or write what it needs. The message says what to fix.
public struct MonitoringError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The monitoring store (`monitoring.sqlite`) cannot be opened or written.
        case storage
        /// The forecast history (prediction table or outbox copies) cannot be read.
        case forecastHistory
        /// Realized prices cannot be read from the market store.
        case marketData
        /// A setting is unusable; `configKey` names it.
        case configuration
    }

    public let code: Code
    public let message: String
    /// The file involved, when there is one.
    public let file: String?
    /// The settings key involved (e.g. `monitoring.psi_features`), when there is one.
    public let configKey: String?

    public init(_ code: Code, _ message: String, file: String? = nil, configKey: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.configKey = configKey
    }

    public var description: String {
        var text = message
        if let configKey { text += " [setting: \(configKey)]" }
        if let file { text += " [file: \(file)]" }
        return text
    }
}
