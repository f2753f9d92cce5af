extension SourceSettings {
    init(reading reader: ObjectReader) {
        self.init(postgres: reader.section("postgres", nil, PostgresSourceSettings.init(reading:)),
                  ercot: reader.section("ercot", nil, ERCOTSourceSettings.init(reading:)))
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([("postgres", postgres?.json(secretFields) ?? .null), ("ercot", ercot?.json(secretFields) ?? .null)])
    }
}

extension ERCOTSourceSettings {
    init(reading reader: ObjectReader) {
        let defaults = ERCOTSourceSettings()
        let keyEnv = reader.environmentVariableName("subscription_key_env", defaults.subscriptionKeyEnv)
        let usernameEnv = reader.environmentVariableName("username_env", defaults.usernameEnv)
        let passwordEnv = reader.environmentVariableName("password_env", defaults.passwordEnv)
        reader.rejectLiteralSecret("subscription_key", envKey: "subscription_key_env", envVar: keyEnv)
        reader.rejectLiteralSecret("password", envKey: "password_env", envVar: passwordEnv)
        reader.rejectLiteralSecret("username", envKey: "username_env", envVar: usernameEnv)
        var reports: [Report] = []
        for name in reader.stringArray("reports", defaults.reports.map(\.rawValue)) {
            if let report = Report(rawValue: name.uppercased()) {
                if !reports.contains(report) { reports.append(report) }
            } else if let found = reader.member("reports") {
                reader.invalid("reports", found, value: name,
                               "unknown ERCOT report \"\(name)\"; choose from \(Report.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        self.init(apiBaseURL: reader.string("api_base_url", defaults.apiBaseURL, allowEmpty: false),
                  tokenURL: reader.string("token_url", defaults.tokenURL, allowEmpty: false),
                  clientID: reader.string("client_id", defaults.clientID, allowEmpty: false),
                  subscriptionKeyEnv: keyEnv, usernameEnv: usernameEnv, passwordEnv: passwordEnv, reports: reports,
                  pageSize: reader.int("page_size", defaults.pageSize, in: 1...1_000_000),
                  maxRequestsPerMinute: reader.int("max_requests_per_minute", defaults.maxRequestsPerMinute, in: 1...30),
                  maxAttempts: reader.int("max_attempts", defaults.maxAttempts, in: 1...20),
                  initialDays: reader.int("initial_days", defaults.initialDays, in: 1...3660),
                  requestTimeoutSeconds: reader.double("request_timeout_seconds", defaults.requestTimeoutSeconds, in: 1...3600))
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("api_base_url", .string(apiBaseURL)), ("token_url", .string(tokenURL)), ("client_id", .string(clientID)),
        ] + secretFields.fields("subscription_key", envVar: subscriptionKeyEnv)
          + secretFields.fields("username", envVar: usernameEnv)
          + secretFields.fields("password", envVar: passwordEnv) + [
            ("reports", .strings(reports.map(\.rawValue))),
            ("page_size", .number(pageSize)),
            ("max_requests_per_minute", .number(maxRequestsPerMinute)),
            ("max_attempts", .number(maxAttempts)),
            ("initial_days", .number(initialDays)),
            ("request_timeout_seconds", .number(requestTimeoutSeconds)),
        ])
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
