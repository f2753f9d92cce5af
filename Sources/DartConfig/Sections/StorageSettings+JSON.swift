extension StorageSettings {
    init(reading reader: ObjectReader) {
        let defaults = StorageSettings.defaults
        self.init(
            dataDir: reader.string("data_dir", defaults.dataDir, allowEmpty: false),
            marketStore: reader.section("market_store", defaults.marketStore, MarketStoreSettings.init(reading:)),
            objectStore: reader.section("object_store", defaults.objectStore, ObjectStoreSettings.init(reading:)))
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("data_dir", .string(dataDir)),
            ("market_store", marketStore.json()),
            ("object_store", objectStore.json(secretFields)),
        ])
    }
}

extension MarketStoreSettings {
    init(reading reader: ObjectReader) {
        self.init(sqlitePath: reader.string("sqlite_path", MarketStoreSettings.defaults.sqlitePath, allowEmpty: false))
    }

    func json() -> JSONNode {
        .object([("sqlite_path", .string(sqlitePath))])
    }
}

extension ObjectStoreSettings {
    init(reading reader: ObjectReader) {
        let defaults = ObjectStoreSettings.defaults
        self.init(
            kind: reader.choice("kind", defaults.kind),
            path: reader.string("path", defaults.path),
            bucket: reader.optionalString("bucket", defaults.bucket),
            endpoint: reader.optionalString("endpoint", defaults.endpoint),
            region: reader.string("region", defaults.region, allowEmpty: false),
            account: reader.optionalString("account", defaults.account),
            container: reader.optionalString("container", defaults.container),
            accessKeyIdEnv: reader.environmentVariableName("access_key_id_env", defaults.accessKeyIdEnv),
            secretAccessKeyEnv: reader.environmentVariableName("secret_access_key_env", defaults.secretAccessKeyEnv),
            azureAccountKeyEnv: reader.environmentVariableName("account_key_env", defaults.azureAccountKeyEnv))
        reader.rejectLiteralSecret("access_key_id", envKey: "access_key_id_env", envVar: accessKeyIdEnv)
        reader.rejectLiteralSecret("secret_access_key", envKey: "secret_access_key_env", envVar: secretAccessKeyEnv)
        reader.rejectLiteralSecret("account_key", envKey: "account_key_env", envVar: azureAccountKeyEnv)
        reader.rejectLiteralSecret("connection_string", envKey: "account_key_env", envVar: azureAccountKeyEnv)
        if let endpoint, !LiteralSecretDetector.isURL(endpoint), let found = reader.member("endpoint") {
            reader.invalid("endpoint", found, value: endpoint, "expected a URL starting with https:// or http://, got \"\(endpoint)\"")
        }
        switch kind {
        case .s3 where bucket == nil:
            reader.invalid("bucket", reader.member("bucket") ?? reader.node, "kind is s3, so name the bucket")
        case .azure where account == nil || container == nil:
            reader.invalid(account == nil ? "account" : "container", reader.node, "kind is azure, so name both the storage account and the container")
        default:
            break
        }
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("kind", .string(kind.rawValue)),
            ("path", .string(path)),
            ("bucket", .optionalString(bucket)),
            ("endpoint", .optionalString(endpoint)),
            ("region", .string(region)),
            ("account", .optionalString(account)),
            ("container", .optionalString(container)),
        ] + secretFields.fields("access_key_id", envVar: accessKeyIdEnv)
          + secretFields.fields("secret_access_key", envVar: secretAccessKeyEnv)
          + secretFields.fields("account_key", envVar: azureAccountKeyEnv))
    }
}
