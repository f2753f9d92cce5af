extension SourceSettings {
    init(reading reader: ObjectReader) {
        self.init(postgres: reader.section("postgres", nil, PostgresSourceSettings.init(reading:)))
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([("postgres", postgres?.json(secretFields) ?? .null)])
    }
}

extension PostgresSourceSettings {
    init(reading reader: ObjectReader) {
        let dsnEnv = reader.environmentVariableName("dsn_env", "DARTCAST_SOURCE_DSN")
        reader.rejectLiteralSecret("dsn", envKey: "dsn_env", envVar: dsnEnv)
        self.init(
            dsnEnv: dsnEnv,
            dam: reader.section("dam", nil) { SourceTableMapping(reading: $0, kind: .dam) },
            rt: reader.section("rt", nil) { SourceTableMapping(reading: $0, kind: .rt) },
            rtResolution: reader.choice("rt_resolution", .fifteenMinute),
            forecasts: reader.section("forecasts", nil) { SourceTableMapping(reading: $0, kind: .forecasts) })
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object(secretFields.fields("dsn", envVar: dsnEnv) + [
            ("dam", dam.map { $0.json(kind: .dam) } ?? .null),
            ("rt", rt.map { $0.json(kind: .rt) } ?? .null),
            ("rt_resolution", .string(rtResolution.rawValue)),
            ("forecasts", forecasts.map { $0.json(kind: .forecasts) } ?? .null),
        ])
    }
}

extension SourceTableMapping {
    /// Every field of `kind` gets a column: the one given, else the field's own name.
    init(reading reader: ObjectReader, kind: Kind) {
        let table = reader.sqlIdentifier("table", "", qualified: true)
        if reader.member("table") == nil {
            reader.context.error(.invalidValue, reader.path, at: reader.node, "name the source table: \"table\": \"schema.table\"")
        }
        let columns = reader.section("columns", Dictionary(uniqueKeysWithValues: kind.fields.map { ($0, $0) })) { columnReader in
            Dictionary(uniqueKeysWithValues: kind.fields.map { ($0, columnReader.sqlIdentifier($0, $0)) })
        }
        self.init(table: table, columns: columns)
    }

    func json(kind: Kind) -> JSONNode {
        .object([
            ("table", .string(table)),
            ("columns", .object(kind.fields.map { ($0, .string(columns[$0] ?? $0)) })),
        ])
    }
}
