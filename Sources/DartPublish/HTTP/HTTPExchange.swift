import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One buffered HTTP request/response over a shared `HTTPClient`, with a deadline.
/// Transport failures come back as `HTTPTransportFailure`, whose text never contains the URL
/// (webhook URLs and SAS query strings are secrets).
struct HTTPExchange: Sendable {
    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
    }

    let client: HTTPClient
    let timeout: Duration
    /// Responses larger than this fail instead of filling memory.
    let maxResponseBytes: Int

    init(client: HTTPClient, timeout: Duration, maxResponseBytes: Int = 64 << 20) {
        self.client = client
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    func send(method: HTTPMethod, url: String, headers: [(String, String)], body: Data? = nil) async throws(HTTPTransportFailure) -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let timeAmount = TimeAmount.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
        do {
            let response = try await client.execute(request, timeout: timeAmount)
            var buffer = try await response.body.collect(upTo: maxResponseBytes)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            return Response(status: Int(response.status.code), headers: response.headers, body: Data(bytes))
        } catch {
            throw HTTPTransportFailure(classifying: error, timeout: timeout)
        }
    }
}

/// Why a request got no HTTP answer. `reason` is our own wording: it never echoes the URL.
struct HTTPTransportFailure: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable { case timedOut, unreachable, responseTooLarge, other }
    let kind: Kind
    let reason: String

    init(kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }

    init(classifying error: any Error, timeout: Duration) {
        if let failure = error as? HTTPTransportFailure {
            self = failure
            return
        }
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout, .tlsHandshakeTimeout:
                self.init(kind: .timedOut, reason: "no answer within \(timeout)")
            case .remoteConnectionClosed, .alreadyShutdown, .cancelled:
                self.init(kind: .unreachable, reason: "the connection was closed before an answer")
            default:
                self.init(kind: .other, reason: "the HTTP client failed (\(client.shortDescription))")
            }
            return
        }
        if error is NIOTooManyBytesError {
            self.init(kind: .responseTooLarge, reason: "the answer was larger than allowed")
            return
        }
        if let channel = error as? ChannelError, case .connectTimeout = channel {
            self.init(kind: .timedOut, reason: "could not connect within \(timeout)")
            return
        }
        if let errno = Self.errno(of: error) {
            self.init(kind: .unreachable, reason: "could not connect: \(String(cString: strerror(errno)).lowercased())")
            return
        }
        if error is CancellationError {
            self.init(kind: .timedOut, reason: "the request was cancelled")
            return
        }
        // Type name only: other errors' descriptions may include the address.
        self.init(kind: .unreachable, reason: "could not connect (\(String(describing: type(of: error))))")
    }

    var description: String { reason }

    /// The errno behind a connection failure (a single or a multi-address connect error).
    private static func errno(of error: any Error) -> Int32? {
        if let io = error as? IOError { return io.errnoCode }
        if let connection = error as? NIOConnectionError {
            for attempt in connection.connectionErrors {
                if let code = errno(of: attempt.error) { return code }
            }
            if connection.dnsAError != nil || connection.dnsAAAAError != nil { return EHOSTUNREACH }
        }
        return nil
    }
}
