/// `dartcast serve`: where the HTTP API listens, who may change things, and how it stops.
public struct ServerSettings: Hashable, Sendable {
    /// Address to bind. Default `127.0.0.1` (loopback only; put a TLS proxy in front to expose it).
    public var host: String
    /// TCP port. Default 8080; 0 picks a free port (logged at start).
    public var port: Int
    /// Environment variable with the bearer token that POST endpoints require. Default
    /// `DARTCAST_API_TOKEN`. Unset: POSTs are refused (403), reads stay open.
    public var apiTokenEnv: String
    /// On SIGTERM/SIGINT, how long a running job may go on before it is cancelled and recorded
    /// as interrupted. Default 120.
    public var drainTimeoutSeconds: Int
    /// How often pending deliveries are retried from their outbox copies. Default 300.
    public var outboxRetrySeconds: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, apiTokenEnv: String = "DARTCAST_API_TOKEN",
                drainTimeoutSeconds: Int = 120, outboxRetrySeconds: Int = 300) {
        self.host = host
        self.port = port
        self.apiTokenEnv = apiTokenEnv
        self.drainTimeoutSeconds = drainTimeoutSeconds
        self.outboxRetrySeconds = outboxRetrySeconds
    }

    public static let defaults = ServerSettings()
}
