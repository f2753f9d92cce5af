import AsyncHTTPClient
import Foundation
import NIOCore

/// The ID token of ERCOT's Azure AD B2C password flow. It lasts an hour and cannot be refreshed,
/// so a new one is requested before the current one's last five minutes (or last fifth).
actor ERCOTTokenProvider {
    private let tokenURL: String
    private let clientID: String
    private let credentials: ERCOTCredentials
    private let http: HTTPClient
    private let timeout: TimeAmount
    /// Token lifetimes run on the real clock, whatever `now` the market data is fetched for.
    private let clock = ContinuousClock()
    private var current: (token: String, renewAt: ContinuousClock.Instant)?
    /// How many tokens were fetched (the progress display and tests read it).
    private(set) var tokensFetched = 0

    init(tokenURL: String, clientID: String, credentials: ERCOTCredentials, http: HTTPClient, timeout: TimeAmount) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.credentials = credentials
        self.http = http
        self.timeout = timeout
    }

    /// A token valid for at least a few more minutes.
    func token() async throws -> String {
        if let current, clock.now < current.renewAt { return current.token }
        return try await renew()
    }

    /// Drops the token after the API rejected it (revoked, clock skew): the next call gets a new one.
    func invalidate() { current = nil }

    private func renew() async throws -> String {
        var request = HTTPClientRequest(url: tokenURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let form = [
            ("grant_type", "password"), ("username", credentials.username.reveal()), ("password", credentials.password.reveal()),
            ("scope", "openid \(clientID) offline_access"), ("client_id", clientID), ("response_type", "id_token"),
        ]
        request.body = .bytes(ByteBuffer(string: form.map { "\($0)=\(Self.formEncode($1))" }.joined(separator: "&")))
        let host = URL(string: tokenURL)?.host ?? "the token URL"
        let response: HTTPClientResponse
        let body: ByteBuffer
        // The lifetime counts from the request: a slow reply must not stretch it past the server's.
        let requested = clock.now
        do {
            response = try await http.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw SourceError(.unreachable, context: "sources.ercot.token_url", "cannot reach \(host) for an ERCOT token: \(Self.networkReason(error))")
        }
        guard response.status == .ok else {
            let reason = (try? JSONDecoder().decode(TokenError.self, from: Data(buffer: body))).map { "\($0.error): \($0.errorDescription ?? "")" }
                ?? "HTTP \(response.status.code)"
            throw SourceError(.authentication, context: "sources.ercot.username_env",
                              "ERCOT refused the token request (\(reason)); check the API Explorer username and password in the variables sources.ercot.username_env and password_env name")
        }
        guard let reply = try? JSONDecoder().decode(TokenReply.self, from: Data(buffer: body)), let token = reply.idToken ?? reply.accessToken else {
            throw SourceError(.authentication, context: "sources.ercot.token_url", "the token reply from \(host) holds no id_token")
        }
        let lifetime = Double(reply.expiresIn ?? "") ?? 3600
        current = (token, requested + .milliseconds(Int64((lifetime - min(300, lifetime / 5)) * 1000)))
        tokensFetched += 1
        return token
    }

    private struct TokenReply: Decodable {
        var idToken: String?
        var accessToken: String?
        var expiresIn: String?
        enum CodingKeys: String, CodingKey {
            case idToken = "id_token", accessToken = "access_token", expiresIn = "expires_in"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            idToken = try container.decodeIfPresent(String.self, forKey: .idToken)
            accessToken = try container.decodeIfPresent(String.self, forKey: .accessToken)
            // B2C sends expires_in as a string; accept a number too.
            expiresIn = (try? container.decodeIfPresent(String.self, forKey: .expiresIn))
                ?? (try? container.decodeIfPresent(Int.self, forKey: .expiresIn)).flatMap { $0.map(String.init) }
        }
    }

    private struct TokenError: Decodable {
        var error: String
        var errorDescription: String?
        enum CodingKeys: String, CodingKey {
            case error, errorDescription = "error_description"
        }
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// A connection error in words, without the request (which carries no secret, but keep it short).
    static func networkReason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)" }
        return String(describing: type(of: error)) + ": \(error)"
    }
}
