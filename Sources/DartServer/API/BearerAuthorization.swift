import DartConfig
import Foundation

/// Guards the operations openapi.yaml marks with `security` (the POSTs) with
/// `Authorization: Bearer <token>`. The token is a secret: it is compared in constant time and
/// never logged or echoed.
public struct BearerAuthorization: Sendable {
    let token: SecretValue?
    /// The environment variable the token is read from, named in the 403 message.
    let environmentVariable: String

    public init(token: SecretValue?, environmentVariable: String) {
        self.token = token
        self.environmentVariable = environmentVariable
    }

    /// - Parameter header: the request's Authorization header.
    /// - Throws: `APIError` 403 when no token is configured, 401 when the header is missing or wrong.
    func check(header: String?) throws(APIError) {
        guard let token else {
            throw APIError(.forbidden, "changes through the API are off: no API token is configured. Set \(environmentVariable) (or the variable named by server.api_token_env) in the environment or .env and restart `dartcast serve`")
        }
        guard let header else {
            throw APIError(.unauthorized, "this endpoint needs an Authorization: Bearer <token> header")
        }
        let prefix = "Bearer "
        guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix.lowercased() else {
            throw APIError(.unauthorized, "the Authorization header must be Bearer <token>")
        }
        let presented = header.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        guard Self.constantTimeEquals(Array(presented.utf8), Array(token.reveal().utf8)) else {
            throw APIError(.unauthorized, "the bearer token is not valid")
        }
    }

    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
