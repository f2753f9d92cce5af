extension ServerSettings {
    init(reading reader: ObjectReader) {
        let defaults = ServerSettings.defaults
        self.init(
            host: reader.string("host", defaults.host, allowEmpty: false),
            port: reader.int("port", defaults.port, in: 0...65_535),
            apiTokenEnv: reader.environmentVariableName("api_token_env", defaults.apiTokenEnv),
            drainTimeoutSeconds: reader.int("drain_timeout_seconds", defaults.drainTimeoutSeconds, in: 1...86_400),
            outboxRetrySeconds: reader.int("outbox_retry_seconds", defaults.outboxRetrySeconds, in: 10...86_400))
        reader.rejectLiteralSecret("api_token", envKey: "api_token_env", envVar: apiTokenEnv)
        reader.rejectLiteralSecret("token", envKey: "api_token_env", envVar: apiTokenEnv)
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("host", .string(host)),
            ("port", .number(port)),
        ] + secretFields.fields("api_token", envVar: apiTokenEnv) + [
            ("drain_timeout_seconds", .number(drainTimeoutSeconds)),
            ("outbox_retry_seconds", .number(outboxRetrySeconds)),
        ])
    }
}
