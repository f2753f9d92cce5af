/// `sources.ercot`: ERCOT's Public Reports API (`docs/data.md` § ERCOT API). The three secrets are
/// read from the environment or `.env` through the variables named here, never from this file.
public struct ERCOTSourceSettings: Hashable, Sendable {
    /// The reports dartcast reads, by EMIL id.
    public enum Report: String, Hashable, Sendable, CaseIterable {
        case damPrices = "NP4-190-CD"
        case rtIntervalPrices = "NP6-905-CD"
        case loadForecast = "NP3-565-CD"
        case windForecast = "NP4-732-CD"
        case solarForecast = "NP4-745-CD"
        case actualLoad = "NP6-345-CD"
    }

    public var apiBaseURL: String
    public var tokenURL: String
    /// The public client id of ERCOT's B2C application (ERCOT's developer portal gives it).
    public var clientID: String
    public var subscriptionKeyEnv: String
    public var usernameEnv: String
    public var passwordEnv: String
    public var reports: [Report]
    /// Rows per page (`size`).
    public var pageSize: Int
    /// Client-side limit; ERCOT allows 30 per minute.
    public var maxRequestsPerMinute: Int
    /// Attempts per request on 429, 5xx and connection errors.
    public var maxAttempts: Int
    /// Delivery days fetched on the first call, when a report has no watermark and no `--from`.
    public var initialDays: Int
    /// Requests are given up after this long.
    public var requestTimeoutSeconds: Double

    public init(apiBaseURL: String = "https://api.ercot.com/api/public-reports",
                tokenURL: String = "https://ercotb2c.b2clogin.com/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token",
                clientID: String = "fec253ea-0d06-4272-a5e6-b478baeecd70",
                subscriptionKeyEnv: String = "DARTCAST_ERCOT_SUBSCRIPTION_KEY",
                usernameEnv: String = "DARTCAST_ERCOT_USERNAME", passwordEnv: String = "DARTCAST_ERCOT_PASSWORD",
                reports: [Report] = Report.allCases, pageSize: Int = 50_000, maxRequestsPerMinute: Int = 25,
                maxAttempts: Int = 6, initialDays: Int = 14, requestTimeoutSeconds: Double = 120) {
        self.apiBaseURL = apiBaseURL
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.subscriptionKeyEnv = subscriptionKeyEnv
        self.usernameEnv = usernameEnv
        self.passwordEnv = passwordEnv
        self.reports = reports
        self.pageSize = pageSize
        self.maxRequestsPerMinute = maxRequestsPerMinute
        self.maxAttempts = maxAttempts
        self.initialDays = initialDays
        self.requestTimeoutSeconds = requestTimeoutSeconds
    }
}
