import ArgumentParser
import Foundation

/// `--server URL`: use a running `dartcast serve` instead of the local stores. POSTs send the
/// token from `DARTCAST_API_TOKEN` (or the variable named by `server.api_token_env`, also read from `.env`).
struct ServerOption: ParsableArguments {
    @Option(name: .customLong("server"), help: "Base URL of a running `dartcast serve` (e.g. http://127.0.0.1:8080); default: the local stores.")
    var url: String?

    func validate() throws {
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw ValidationError("--server must be an http:// or https:// URL, got \(url)")
        }
    }

    /// The client for `--server`, or nil to work locally.
    func client(_ global: GlobalOptions) throws -> APIClient? {
        guard let url else { return nil }
        return try APIClient(baseURL: url, token: Self.token(global))
    }

    static func token(_ global: GlobalOptions) -> String? {
        if let value = ProcessInfo.processInfo.environment["DARTCAST_API_TOKEN"], !value.isEmpty { return value }
        guard let loaded = try? global.loadSettings() else { return nil }
        return loaded.secrets.value(forEnvironmentVariable: loaded.settings.server.apiTokenEnv)?.reveal()
    }
}
