extension NotificationSettings {
    init(reading reader: ObjectReader) {
        let defaults = NotificationSettings.defaults
        self.init(
            enabled: reader.bool("enabled", defaults.enabled),
            onSuccess: reader.bool("on_success", defaults.onSuccess),
            onFailure: reader.bool("on_failure", defaults.onFailure),
            timeoutSeconds: reader.double("timeout_seconds", defaults.timeoutSeconds, in: 0.1...300),
            maxRetries: reader.int("max_retries", defaults.maxRetries, in: 0...20),
            teams: reader.section("teams", defaults.teams) { WebhookChannel(reading: $0, template: defaults.teams) },
            slack: reader.section("slack", defaults.slack) { WebhookChannel(reading: $0, template: defaults.slack) },
            webhook: reader.section("webhook", defaults.webhook) { WebhookChannel(reading: $0, template: defaults.webhook) },
            email: reader.section("email", defaults.email, EmailSettings.init(reading:)))
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("enabled", .bool(enabled)),
            ("on_success", .bool(onSuccess)),
            ("on_failure", .bool(onFailure)),
            ("timeout_seconds", .number(timeoutSeconds)),
            ("max_retries", .number(maxRetries)),
            ("teams", teams.json(secretFields)),
            ("slack", slack.json(secretFields)),
            ("webhook", webhook.json(secretFields)),
            ("email", email.json(secretFields)),
        ])
    }
}

extension WebhookChannel {
    init(reading reader: ObjectReader, template: WebhookChannel) {
        self.init(enabled: reader.bool("enabled", template.enabled),
                  urlEnv: reader.environmentVariableName("url_env", template.urlEnv))
        reader.rejectLiteralSecret("url", envKey: "url_env", envVar: urlEnv)
        reader.rejectLiteralSecret("webhook_url", envKey: "url_env", envVar: urlEnv)
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([("enabled", .bool(enabled))] + secretFields.fields("url", envVar: urlEnv))
    }
}

extension EmailSettings {
    init(reading reader: ObjectReader) {
        let defaults = EmailSettings.defaults
        self.init(
            enabled: reader.bool("enabled", defaults.enabled),
            smtpHost: reader.string("smtp_host", defaults.smtpHost),
            smtpPort: reader.int("smtp_port", defaults.smtpPort, in: 1...65_535),
            starttls: reader.bool("starttls", defaults.starttls),
            from: reader.string("from", defaults.from),
            recipients: reader.stringArray("recipients", defaults.recipients),
            usernameEnv: reader.environmentVariableName("username_env", defaults.usernameEnv),
            passwordEnv: reader.environmentVariableName("password_env", defaults.passwordEnv))
        reader.rejectLiteralSecret("username", envKey: "username_env", envVar: usernameEnv)
        reader.rejectLiteralSecret("password", envKey: "password_env", envVar: passwordEnv)
        for (position, address) in recipients.enumerated() where !Self.looksLikeAddress(address) {
            reader.invalid("recipients[\(position)]", reader.member("recipients") ?? reader.node, value: address,
                           "\"\(address)\" is not an email address (name@domain)")
        }
        if !from.isEmpty && !Self.looksLikeAddress(from) {
            reader.invalid("from", reader.member("from") ?? reader.node, value: from, "\"\(from)\" is not an email address (name@domain)")
        }
        if enabled {
            let missing = [("smtp_host", smtpHost.isEmpty), ("from", from.isEmpty), ("recipients", recipients.isEmpty)]
                .filter(\.1).map(\.0)
            if !missing.isEmpty {
                reader.context.error(.invalidValue, reader.path, at: reader.node,
                    "email is enabled, so set \(missing.joined(separator: ", ")) (or set enabled to false)")
            }
        }
    }

    private static func looksLikeAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("enabled", .bool(enabled)),
            ("smtp_host", .string(smtpHost)),
            ("smtp_port", .number(smtpPort)),
            ("starttls", .bool(starttls)),
            ("from", .string(from)),
            ("recipients", .strings(recipients)),
        ] + secretFields.fields("username", envVar: usernameEnv)
          + secretFields.fields("password", envVar: passwordEnv))
    }
}
