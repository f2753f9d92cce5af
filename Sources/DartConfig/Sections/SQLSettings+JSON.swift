extension SQLSettings {
    init(reading reader: ObjectReader) {
        let defaults = SQLSettings.defaults
        self.init(
            enabled: reader.bool("enabled", defaults.enabled),
            backend: reader.choice("backend", defaults.backend),
            schema: reader.sqlIdentifier("schema", defaults.schema),
            table: reader.sqlIdentifier("table", defaults.table),
            sqlitePath: reader.string("sqlite_path", defaults.sqlitePath, allowEmpty: false),
            dsnEnv: reader.environmentVariableName("dsn_env", defaults.dsnEnv))
        reader.rejectLiteralSecret("dsn", envKey: "dsn_env", envVar: dsnEnv)
        reader.rejectLiteralSecret("password", envKey: "dsn_env", envVar: dsnEnv)
        reader.rejectLiteralSecret("connection_string", envKey: "dsn_env", envVar: dsnEnv)
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("enabled", .bool(enabled)),
            ("backend", .string(backend.rawValue)),
            ("schema", .string(schema)),
            ("table", .string(table)),
            ("sqlite_path", .string(sqlitePath)),
        ] + secretFields.fields("dsn", envVar: dsnEnv))
    }
}
