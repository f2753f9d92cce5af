/// A setting that names the environment variable holding a secret.
public struct SecretReference: Hashable, Sendable {
    /// The `*_env` key, such as `notifications.teams.url_env`.
    public let settingPath: String
    public let environmentVariable: String
    /// True when an enabled feature cannot work without it.
    public let isNeeded: Bool

    public init(settingPath: String, environmentVariable: String, isNeeded: Bool) {
        self.settingPath = settingPath
        self.environmentVariable = environmentVariable
        self.isNeeded = isNeeded
    }
}

extension Settings {
    /// Every secret the settings name, with whether the enabled features need it.
    public var secretReferences: [SecretReference] {
        let store = storage.objectStore
        let publishesObjects = output.writeObjectStore
        let notify = notifications.enabled
        var references = [
            SecretReference(settingPath: "storage.object_store.access_key_id_env", environmentVariable: store.accessKeyIdEnv,
                            isNeeded: publishesObjects && store.kind == .s3),
            SecretReference(settingPath: "storage.object_store.secret_access_key_env", environmentVariable: store.secretAccessKeyEnv,
                            isNeeded: publishesObjects && store.kind == .s3),
            SecretReference(settingPath: "storage.object_store.account_key_env", environmentVariable: store.azureAccountKeyEnv,
                            isNeeded: publishesObjects && store.kind == .azure),
            SecretReference(settingPath: "notifications.teams.url_env", environmentVariable: notifications.teams.urlEnv,
                            isNeeded: notify && notifications.teams.enabled),
            SecretReference(settingPath: "notifications.slack.url_env", environmentVariable: notifications.slack.urlEnv,
                            isNeeded: notify && notifications.slack.enabled),
            SecretReference(settingPath: "notifications.webhook.url_env", environmentVariable: notifications.webhook.urlEnv,
                            isNeeded: notify && notifications.webhook.enabled),
            // SMTP relays may accept mail without login, so these are optional.
            SecretReference(settingPath: "notifications.email.username_env", environmentVariable: notifications.email.usernameEnv,
                            isNeeded: false),
            SecretReference(settingPath: "notifications.email.password_env", environmentVariable: notifications.email.passwordEnv,
                            isNeeded: false),
            SecretReference(settingPath: "sql.dsn_env", environmentVariable: sql.dsnEnv,
                            isNeeded: sql.enabled && sql.backend == .postgres),
        ]
        // Without a token the API stays read-only, which is a working setup.
        references.append(SecretReference(settingPath: "server.api_token_env", environmentVariable: server.apiTokenEnv, isNeeded: false))
        if let postgres = sources.postgres {
            references.append(SecretReference(settingPath: "sources.postgres.dsn_env", environmentVariable: postgres.dsnEnv, isNeeded: true))
        }
        // Listed even without the section, so `fetch ercot` can run on the defaults.
        let ercot = sources.ercot ?? ERCOTSourceSettings()
        for (key, variable) in [("subscription_key_env", ercot.subscriptionKeyEnv), ("username_env", ercot.usernameEnv),
                                ("password_env", ercot.passwordEnv)] {
            references.append(SecretReference(settingPath: "sources.ercot.\(key)", environmentVariable: variable,
                                              isNeeded: sources.ercot != nil))
        }
        return references
    }
}
