import DartConfig

/// The three secrets ERCOT's API needs. They are only ever revealed into a request (the key
/// header and the token request's form body); printing this value shows no secret.
public struct ERCOTCredentials: Sendable, CustomStringConvertible {
    public let subscriptionKey: SecretValue
    public let username: SecretValue
    public let password: SecretValue

    /// Reads them through the variables `settings` names.
    /// - Throws: `SourceError(.configuration)` naming every variable that is not set.
    public init(settings: ERCOTSourceSettings, secrets: Secrets) throws {
        let names = [settings.subscriptionKeyEnv, settings.usernameEnv, settings.passwordEnv]
        let values = names.map { secrets.value(forEnvironmentVariable: $0) }
        let missing = zip(names, values).filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty, let key = values[0], let username = values[1], let password = values[2] else {
            throw SourceError(.configuration, context: "sources.ercot",
                              "set \(missing.joined(separator: ", ")) in the environment or .env (docs/data.md § ERCOT API says where to get them)")
        }
        subscriptionKey = key
        self.username = username
        self.password = password
    }

    public var description: String { "ERCOTCredentials(***)" }
}
