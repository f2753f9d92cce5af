import DartPostgres
import Foundation
import Testing
@testable import DartPublish

/// DSN parsing and redaction: no server needed.
@Suite struct PostgresConnectionSettingsTests {
    @Test func parsesADSNWithAnEncodedPassword() throws {
        let settings = try PostgresConnectionSettings(
            dsn: "postgresql://writer:p%40ss%3Aw0rd%2F@db.example.com:6543/forecasts?sslmode=verify-full&connect_timeout=2&application_name=dart")
        #expect(settings.user == "writer")
        #expect(settings.password == "p@ss:w0rd/")
        #expect(settings.host == "db.example.com")
        #expect(settings.port == 6543)
        #expect(settings.database == "forecasts")
        #expect(settings.tlsMode == .verifyFull)
        #expect(settings.connectTimeoutSeconds == 2)
        #expect(settings.applicationName == "dart")
        #expect(settings.description == "postgres://writer@db.example.com:6543/forecasts?sslmode=verify-full")
        #expect(settings.redacting("login p@ss:w0rd/ and p%40ss%3Aw0rd%2F") == "login ••• and •••")
    }

    @Test func defaultsFollowLibpq() throws {
        let settings = try PostgresConnectionSettings(dsn: "postgres://u:pw@localhost/db")
        #expect(settings.port == 5432)
        #expect(settings.tlsMode == .prefer)
    }

    @Test func invalidDSNsFailWithoutEchoingTheDSN() {
        let cases = [
            "mysql://u:SecretOne@h/db", "postgres://u:SecretTwo@h", "postgres://:SecretThree@h/db",
            "postgres://u:SecretFour@h/db?sslmode=sometimes", "postgres://u:SecretFive@h/db?pool=3",
        ]
        for dsn in cases {
            do {
                _ = try PostgresConnectionSettings(dsn: dsn, variable: "PG_DSN")
                Issue.record("accepted \(dsn.prefix(10))")
            } catch let error as PostgresSettingsError {
                #expect(error.description.hasPrefix("the PostgreSQL DSN in $PG_DSN"))
                #expect(!error.description.contains("Secret"))
            } catch {
                Issue.record("unexpected \(type(of: error))")
            }
        }
    }
}
