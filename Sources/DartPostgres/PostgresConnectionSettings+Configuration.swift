import PostgresNIO

extension PostgresConnectionSettings {
    /// The postgres-nio configuration for these settings (TLS mode, timeouts, application name),
    /// shared by the SQL sink and the PostgreSQL market source.
    /// - Throws: `PostgresSettingsError(.tls)` when the TLS context cannot be built.
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password,
            database: database, tls: try makeTLS())
        configuration.options.connectTimeout = .milliseconds(Int64(connectTimeoutSeconds * 1000))
        configuration.options.additionalStartupParameters = [
            ("statement_timeout", String(Int(statementTimeoutSeconds * 1000))),
            ("application_name", applicationName),
        ]
        return configuration
    }

    private func makeTLS() throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch tlsMode {
        case .disable: return .disable
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let path = rootCertificatePath { tls.trustRoots = .file(path) }
        do {
            let context = try NIOSSLContext(configuration: tls)
            return tlsMode == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw PostgresSettingsError(.tls, variable: "sslrootcert",
                                        "could not set up TLS (sslrootcert \(rootCertificatePath ?? "system store")): \(error)")
        }
    }
}
