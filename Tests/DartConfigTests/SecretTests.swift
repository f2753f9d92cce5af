import DartConfig
import DartTesting
import Foundation
import Testing

@Suite struct SecretTests {
    static let teamsURL = "https://contoso.webhook.office.com/webhookb2/SECRET-TOKEN-7f3a9c"

    @Test func legacyLiteralWebhookURLIsRejectedWithoutEchoingIt() throws {
        let report = check(#"{"notifications": {"teams_webhook_url": "\#(Self.teamsURL)"}}"#)
        let error = try #require(onlyError(report))
        #expect(error.code == .literalSecret)
        #expect(error.path == "notifications.teams_webhook_url")
        #expect(error.message.contains("DARTCAST_TEAMS_WEBHOOK_URL"))
        #expect(error.value == nil)
        #expect(!error.description.contains("SECRET-TOKEN"))
        #expect(!"\(report.lines)".contains("SECRET-TOKEN"))
    }

    @Test func literalSecretErrorNamesTheConfiguredVariable() throws {
        let report = check(#"{"notifications": {"smtp_password": "hunter2-pw", "email": {"password_env": "MAIL_PW"}}}"#)
        let error = try #require(onlyError(report))
        #expect(error.message.contains("MAIL_PW"))
        #expect(!error.description.contains("hunter2"))
    }

    @Test func newStyleLiteralSecretsAreRejected() {
        let cases = [
            (#"{"notifications": {"slack": {"url": "https://hooks.slack.com/services/T0/B0/XYZSECRET"}}}"#, "notifications.slack.url"),
            (#"{"notifications": {"email": {"password": "XYZSECRET"}}}"#, "notifications.email.password"),
            (#"{"sql": {"dsn": "postgres://dart:XYZSECRET@db/ercot"}}"#, "sql.dsn"),
            (#"{"storage": {"object_store": {"secret_access_key": "XYZSECRET"}}}"#, "storage.object_store.secret_access_key"),
            (#"{"storage": {"object_store": {"endpoint": "https://admin:XYZSECRET@s3.example.com"}}}"#, "storage.object_store.endpoint"),
            (#"{"storage": {"connection_string": "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=XYZSECRET"}}"#, "storage.connection_string"),
            (#"{"sql": {"dsn_env": "postgres://dart:XYZSECRET@db/ercot"}}"#, "sql.dsn_env"),
            (#"{"scheduling": {"timezone": "https://u:XYZSECRET@example.com"}}"#, "scheduling.timezone"),
            (#"{"output": {"compression": "postgres://u:XYZSECRET@db"}}"#, "output.compression"),
            (#"{"unknown_key": "postgres://u:XYZSECRET@db"}"#, "unknown_key"),
        ]
        for (json, path) in cases {
            let report = check(json)
            #expect(report.errors.map(\.path) == [path], "\(json)")
            #expect(!"\(report.errors)".contains("XYZSECRET"), "\(path) leaked its value")
        }
    }

    @Test func emptyLegacySecretKeyIsOnlyAWarning() throws {
        let loaded = try #require(check(#"{"notifications": {"slack_webhook_url": ""}}"#).loaded)
        #expect(loaded.warnings.map(\.code) == [.legacyKeyIgnored])
        #expect(loaded.warnings.first?.message.contains("DARTCAST_SLACK_WEBHOOK_URL") == true)
    }

    @Test func environmentWinsOverDotenv() throws {
        let directory = try SamplePaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("""
        DARTCAST_TEAMS_WEBHOOK_URL=https://from-dotenv.example/teams
        DARTCAST_SMTP_PASSWORD='from dotenv'
        """.utf8).write(to: directory.appendingPathComponent(".env"))
        let loaded = try SettingsLoader.load(path: nil, environment: ["DARTCAST_TEAMS_WEBHOOK_URL": "https://from-env.example/teams"],
                                             dotenvDirectory: directory)
        let secrets = loaded.secrets
        #expect(secrets.value(forEnvironmentVariable: "DARTCAST_TEAMS_WEBHOOK_URL")?.reveal() == "https://from-env.example/teams")
        #expect(secrets.origin(ofEnvironmentVariable: "DARTCAST_TEAMS_WEBHOOK_URL") == .environment)
        #expect(secrets.value(forEnvironmentVariable: "DARTCAST_SMTP_PASSWORD")?.reveal() == "from dotenv")
        #expect(secrets.origin(ofEnvironmentVariable: "DARTCAST_SMTP_PASSWORD") == .dotenv)
        #expect(secrets.value(forEnvironmentVariable: "DARTCAST_SQL_DSN") == nil)
        #expect(loaded.dotenvFile?.lastPathComponent == ".env")
    }

    @Test func secretsHoldOnlyVariablesTheSettingsName() {
        let secrets = Secrets(references: Settings.defaults.secretReferences, environment: ["HOME": "/root", "PATH": "/bin"], dotenv: [:])
        #expect(secrets.value(forEnvironmentVariable: "HOME") == nil)
    }

    @Test func printingSecretsNeverShowsValues() {
        let environment = ["DARTCAST_SMTP_PASSWORD": "pw-ZZ-distinct-1", "DARTCAST_SQL_DSN": "postgres://u:pw-ZZ-distinct-2@h/d"]
        let secrets = Secrets(references: Settings.defaults.secretReferences, environment: environment, dotenv: [:])
        let value = secrets.value(forEnvironmentVariable: "DARTCAST_SMTP_PASSWORD")
        var dumped = ""
        dump(secrets, to: &dumped)
        dump(value, to: &dumped)
        let printed = [secrets.description, secrets.debugDescription, String(reflecting: secrets), "\(secrets)",
                       "\(String(describing: value))", String(reflecting: value), dumped].joined(separator: "\n")
        #expect(!printed.contains("pw-ZZ-distinct"))
        #expect(secrets.description.contains("DARTCAST_SMTP_PASSWORD: set (environment)"))
        #expect(secrets.description.contains("DARTCAST_TEAMS_WEBHOOK_URL: not set"))
    }

    @Test func showOutputRedactsEverySecret() throws {
        var environment: [String: String] = [:]
        let references = RoundTripTests.customized().secretReferences
        for (index, reference) in references.enumerated() {
            environment[reference.environmentVariable] = "distinct-secret-\(index)-Q9"
        }
        environment.removeValue(forKey: "DARTCAST_TEAMS_WEBHOOK_URL")
        let report = check(RoundTripTests.customized().settingsFileText, environment: environment)
        let loaded = try #require(report.loaded)
        let shown = loaded.redactedJSON
        #expect(!shown.contains("distinct-secret"))
        #expect(!shown.contains("Q9"))
        let tree = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        let notifications = try #require(tree["notifications"] as? [String: Any])
        let slack = try #require(notifications["slack"] as? [String: Any])
        #expect(slack["url"] as? String == "***")
        #expect(slack["url_env"] as? String == "DARTCAST_SLACK_WEBHOOK_URL")
        let teams = try #require(notifications["teams"] as? [String: Any])
        #expect(teams["url"] is NSNull)
        let sql = try #require(tree["sql"] as? [String: Any])
        #expect(sql["dsn"] as? String == "***")
    }

    @Test func enabledFeatureWithoutItsSecretWarns() throws {
        let json = #"{"sql": {"enabled": true, "backend": "postgres"}, "output": {"write_sql": true}}"#
        let withoutSecret = try #require(check(json).loaded)
        #expect(withoutSecret.warnings.map(\.path) == ["sql.dsn_env"])
        #expect(withoutSecret.warnings.first?.message.contains("DARTCAST_SQL_DSN") == true)
        let withSecret = try #require(check(json, environment: ["DARTCAST_SQL_DSN": "postgres://localhost/db"]).loaded)
        #expect(withSecret.warnings.isEmpty)
    }
}
