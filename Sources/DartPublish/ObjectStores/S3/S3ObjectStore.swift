import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1

/// An S3-compatible bucket (AWS S3, MinIO, SeaweedFS) as an object store: path-style URLs
/// (`endpoint/bucket/key`) signed with SigV4 headers.
///
/// The `HTTPClient` is shared and owned by the caller, who shuts it down. Errors carry the HTTP
/// status and S3's error code and message, never the credentials, the Authorization header or
/// the signature.
public struct S3ObjectStore: ObjectStore {
    public struct Configuration: Sendable {
        /// Scheme, host and port, e.g. `https://s3.us-east-1.amazonaws.com` or `http://127.0.0.1:8333`.
        public var endpoint: URL
        public var bucket: String
        /// Signing region; S3-compatible servers usually accept `us-east-1`.
        public var region: String
        public var credentials: SigV4Signer.Credentials
        /// Deadline of each request (connect, send and answer).
        public var requestTimeout: Duration
        /// Keys per ListObjectsV2 page (S3 caps it at 1000).
        public var listPageSize: Int
        /// A `get` of a larger object fails instead of filling memory.
        public var maxObjectBytes: Int

        public init(endpoint: URL, bucket: String, region: String = "us-east-1", credentials: SigV4Signer.Credentials,
                    requestTimeout: Duration = .seconds(30), listPageSize: Int = 1000, maxObjectBytes: Int = 1 << 30) {
            self.endpoint = endpoint
            self.bucket = bucket
            self.region = region
            self.credentials = credentials
            self.requestTimeout = requestTimeout
            self.listPageSize = listPageSize
            self.maxObjectBytes = maxObjectBytes
        }
    }

    public let configuration: Configuration
    private let exchange: HTTPExchange
    private let signer: SigV4Signer
    private let logger: Logger
    private let now: @Sendable () -> Date
    /// `scheme://host[:port]` without user info; the `Host` header and base of every URL.
    private let origin: String
    private let hostHeader: String
    private let basePath: String

    /// - Parameters:
    ///   - httpClient: shared client; its owner shuts it down.
    ///   - now: the signing clock (SigV4 requests are valid for 15 minutes around it).
    public init(configuration: Configuration, httpClient: HTTPClient, logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }) throws {
        guard let scheme = configuration.endpoint.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = configuration.endpoint.host, !host.isEmpty else {
            throw ObjectStoreError(.http, "S3 endpoint '\(configuration.endpoint.host ?? "")' must be an http(s) URL such as https://s3.us-east-1.amazonaws.com")
        }
        guard !configuration.bucket.isEmpty, !configuration.bucket.contains("/") else {
            throw ObjectStoreError(.invalidKey, "S3 bucket name '\(configuration.bucket)' must be non-empty and contain no '/'")
        }
        self.configuration = configuration
        self.exchange = HTTPExchange(client: httpClient, timeout: configuration.requestTimeout,
                                     maxResponseBytes: configuration.maxObjectBytes)
        self.signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region)
        self.logger = logger
        self.now = now
        let bracketed = host.contains(":") ? "[\(host)]" : host
        self.hostHeader = configuration.endpoint.port.map { "\(bracketed):\($0)" } ?? bracketed
        self.origin = "\(scheme)://\(hostHeader)"
        let path = configuration.endpoint.path
        self.basePath = path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    public var displayName: String { "s3://\(configuration.bucket)@\(origin)" }

    public func put(_ data: Data, key: String, contentType: String) async throws {
        try ObjectKey.validate(key)
        let response = try await send("PUT", key: key, headers: [("content-type", contentType)], body: data)
        guard (200...299).contains(response.status) else { throw failure("PUT", key: key, response) }
    }

    public func get(key: String) async throws -> Data? {
        try ObjectKey.validate(key)
        let response = try await send("GET", key: key)
        if response.status == 404, StorageErrorBody.code(body: response.body) != "NoSuchBucket" { return nil }
        guard (200...299).contains(response.status) else { throw failure("GET", key: key, response) }
        return response.body
    }

    public func delete(key: String) async throws {
        try ObjectKey.validate(key)
        let response = try await send("DELETE", key: key)
        if response.status == 404, StorageErrorBody.code(body: response.body) != "NoSuchBucket" { return }
        guard (200...299).contains(response.status) else { throw failure("DELETE", key: key, response) }
    }

    /// ListObjectsV2, following continuation tokens until the listing is complete.
    public func list(prefix: String) async throws -> [String] {
        var keys: [String] = []
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("max-keys", String(configuration.listPageSize)), ("prefix", prefix)]
            if let token { query.append(("continuation-token", token)) }
            let response = try await send("GET", key: nil, query: query)
            guard (200...299).contains(response.status) else { throw failure("LIST", key: prefix, response) }
            guard let texts = XMLPaths.texts(of: ["ListBucketResult/Contents/Key", "ListBucketResult/IsTruncated",
                                                  "ListBucketResult/NextContinuationToken"], in: response.body) else {
                throw ObjectStoreError(.http, "S3 LIST '\(prefix)' on \(displayName) returned a body that is not ListObjectsV2 XML")
            }
            keys += texts.filter { $0.path.hasSuffix("/Key") }.map(\.text)
            let truncated = texts.first { $0.path.hasSuffix("/IsTruncated") }?.text == "true"
            token = truncated ? texts.first { $0.path.hasSuffix("/NextContinuationToken") }?.text : nil
            if truncated, token?.isEmpty ?? true {
                throw ObjectStoreError(.http, "S3 LIST '\(prefix)' on \(displayName) is truncated but has no continuation token")
            }
        } while token != nil
        return keys.sorted()
    }

    /// Creates the bucket unless it exists (and is ours). Outside `us-east-1` the region goes
    /// in a `CreateBucketConfiguration`, as AWS requires.
    public func createBucketIfNeeded() async throws {
        let head = try await send("HEAD", key: nil)
        if (200...299).contains(head.status) { return }
        guard head.status == 404 else { throw failure("HEAD bucket", key: nil, head) }
        var body = Data()
        if configuration.region != "us-east-1" {
            body = Data("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>\(configuration.region)</LocationConstraint></CreateBucketConfiguration>".utf8)
        }
        let created = try await send("PUT", key: nil, headers: body.isEmpty ? [] : [("content-type", "application/xml")], body: body)
        if (200...299).contains(created.status) { return }
        if created.status == 409, StorageErrorBody.code(body: created.body) == "BucketAlreadyOwnedByYou" { return }
        throw failure("CREATE bucket", key: nil, created)
    }

    // MARK: - Requests

    private func send(_ method: String, key: String?, query: [(String, String)] = [], headers extra: [(String, String)] = [],
                      body: Data = Data()) async throws -> HTTPExchange.Response {
        let path = basePath + "/" + configuration.bucket + (key.map { "/" + $0 } ?? "")
        let payloadHash = SigV4Signer.sha256Hex(body)
        var headers = extra.map { ($0.0.lowercased(), $0.1) }
        headers.append(("host", hostHeader))
        if let token = configuration.credentials.sessionToken { headers.append(("x-amz-security-token", token)) }
        let signed = signer.sign(method: method, path: path, query: query,
                                 headers: Dictionary(headers, uniquingKeysWith: { _, last in last }),
                                 payloadSHA256: payloadHash, date: now())
        headers += signed.map { ($0.key, $0.value) }
        // The query goes on the wire exactly as it was signed.
        let encodedQuery = query.map { (SigV4Signer.encode($0.0), SigV4Signer.encode($0.1)) }.sorted { $0 < $1 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let url = origin + SigV4Signer.canonicalPath(path) + (encodedQuery.isEmpty ? "" : "?" + encodedQuery)
        let started = ContinuousClock.now
        do throws(HTTPTransportFailure) {
            let response = try await exchange.send(method: HTTPMethod(rawValue: method), url: url, headers: headers,
                                                   body: method == "PUT" ? body : nil)
            logger.debug("s3 request", metadata: ["method": "\(method)", "store": "\(displayName)", "key": "\(key ?? "")",
                                                  "status": "\(response.status)", "elapsed": "\(ContinuousClock.now - started)"])
            return response
        } catch {
            throw ObjectStoreError(.unreachable, "S3 \(method) \(key.map { "'\($0)' " } ?? "")on \(displayName) got no answer: \(error.reason); check that the endpoint is up and reachable")
        }
    }

    private func failure(_ operation: String, key: String?, _ response: HTTPExchange.Response) -> ObjectStoreError {
        let summary = StorageErrorBody.summary(status: response.status, body: response.body)
        let subject = "S3 \(operation) \(key.map { "'\($0)' " } ?? "")on \(displayName) failed: \(summary)"
        switch response.status {
        case 401, 403:
            return ObjectStoreError(.unauthorized, subject + "; check the access key ID, the secret access key, the region and the bucket policy")
        case 404 where StorageErrorBody.code(body: response.body) == "NoSuchBucket":
            return ObjectStoreError(.http, subject + "; create the bucket (createBucketIfNeeded) or fix the bucket name")
        default:
            return ObjectStoreError(.http, subject)
        }
    }
}
