import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOHTTP1

/// A container in Azure Blob Storage as an object store: Put Blob (one block blob per object),
/// Get Blob, Delete Blob and List Blobs, authorized by SharedKey or a SAS token.
///
/// The `HTTPClient` is shared and owned by the caller. Errors carry the HTTP status and Azure's
/// error code and message, never the account key, the SAS token or the Authorization header.
public struct AzureBlobObjectStore: ObjectStore {
    /// How requests are authorized. Printing it never shows the secret.
    public enum Credential: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        /// The storage account key, base64 as the portal shows it.
        case sharedKey(accountKey: String)
        /// A SAS token (`sv=…&sig=…`, with or without the leading `?`), appended to every URL.
        case sas(token: String)

        public var description: String {
            switch self {
            case .sharedKey: "sharedKey(<redacted>)"
            case .sas: "sas(<redacted>)"
            }
        }
        public var debugDescription: String { description }
        public var customMirror: Mirror { Mirror(self, children: []) }
    }

    public struct Configuration: Sendable {
        public var accountName: String
        public var container: String
        public var credential: Credential
        /// Defaults to `https://<account>.blob.core.windows.net`. For Azurite or a test receiver,
        /// include the account in the path: `http://127.0.0.1:10000/devstoreaccount1`.
        public var endpoint: URL?
        /// Sent as `x-ms-version`; one Microsoft's current SDK supports.
        public var apiVersion: String
        public var requestTimeout: Duration
        /// Blobs per List Blobs page (Azure caps it at 5000).
        public var listPageSize: Int
        public var maxObjectBytes: Int

        public init(accountName: String, container: String, credential: Credential, endpoint: URL? = nil,
                    apiVersion: String = "2025-11-05", requestTimeout: Duration = .seconds(30), listPageSize: Int = 5000,
                    maxObjectBytes: Int = 1 << 30) {
            self.accountName = accountName
            self.container = container
            self.credential = credential
            self.endpoint = endpoint
            self.apiVersion = apiVersion
            self.requestTimeout = requestTimeout
            self.listPageSize = listPageSize
            self.maxObjectBytes = maxObjectBytes
        }
    }

    private enum Authorizer: Sendable {
        case sharedKey(AzureSharedKeySigner)
        case sas(query: String)
    }

    public let configuration: Configuration
    private let exchange: HTTPExchange
    private let authorizer: Authorizer
    private let logger: Logger
    private let now: @Sendable () -> Date
    /// Endpoint without a trailing slash, e.g. `https://acct.blob.core.windows.net`.
    private let base: String

    public init(configuration: Configuration, httpClient: HTTPClient, logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }) throws {
        let endpoint = configuration.endpoint ?? URL(string: "https://\(configuration.accountName).blob.core.windows.net")
        guard let endpoint, let scheme = endpoint.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = endpoint.host, !host.isEmpty else {
            throw ObjectStoreError(.http, "the Azure Blob endpoint for account '\(configuration.accountName)' must be an http(s) URL such as https://<account>.blob.core.windows.net")
        }
        guard !configuration.container.isEmpty, !configuration.container.contains("/") else {
            throw ObjectStoreError(.invalidKey, "Azure container name '\(configuration.container)' must be non-empty and contain no '/'")
        }
        switch configuration.credential {
        case .sharedKey(let accountKey):
            authorizer = .sharedKey(try AzureSharedKeySigner(accountName: configuration.accountName, accountKey: accountKey))
        case .sas(let token):
            let query = token.hasPrefix("?") ? String(token.dropFirst()) : token
            guard query.contains("sig=") else {
                throw ObjectStoreError(.unauthorized, "the Azure SAS token for account '\(configuration.accountName)' has no 'sig=' parameter; paste the whole token")
            }
            authorizer = .sas(query: query)
        }
        self.configuration = configuration
        self.exchange = HTTPExchange(client: httpClient, timeout: configuration.requestTimeout,
                                     maxResponseBytes: configuration.maxObjectBytes)
        self.logger = logger
        self.now = now
        let port = endpoint.port.map { ":\($0)" } ?? ""
        let path = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
        self.base = "\(scheme)://\(host)\(port)\(path)"
    }

    public var displayName: String { "azure://\(configuration.container)@\(base)" }

    public func put(_ data: Data, key: String, contentType: String) async throws {
        try ObjectKey.validate(key)
        let headers = [("x-ms-blob-type", "BlockBlob"), ("x-ms-blob-content-type", contentType),
                       ("content-type", "application/octet-stream"), ("content-length", String(data.count)),
                       ("content-md5", Data(Insecure.MD5.hash(data: data)).base64EncodedString())]
        let response = try await send("PUT", key: key, headers: headers, body: data)
        guard (200...299).contains(response.status) else { throw failure("PUT", key: key, response) }
    }

    public func get(key: String) async throws -> Data? {
        try ObjectKey.validate(key)
        let response = try await send("GET", key: key)
        if response.status == 404, errorCode(response) != "ContainerNotFound" { return nil }
        guard (200...299).contains(response.status) else { throw failure("GET", key: key, response) }
        return response.body
    }

    public func delete(key: String) async throws {
        try ObjectKey.validate(key)
        let response = try await send("DELETE", key: key, headers: [("x-ms-delete-snapshots", "include")])
        if response.status == 404, errorCode(response) != "ContainerNotFound" { return }
        guard (200...299).contains(response.status) else { throw failure("DELETE", key: key, response) }
    }

    /// List Blobs, following `NextMarker` until the listing is complete.
    public func list(prefix: String) async throws -> [String] {
        var names: [String] = []
        var marker: String?
        repeat {
            var query = [("restype", "container"), ("comp", "list"), ("prefix", prefix),
                         ("maxresults", String(configuration.listPageSize))]
            if let marker { query.append(("marker", marker)) }
            let response = try await send("GET", key: nil, query: query)
            guard (200...299).contains(response.status) else { throw failure("LIST", key: prefix, response) }
            guard let texts = XMLPaths.texts(of: ["EnumerationResults/Blobs/Blob/Name", "EnumerationResults/NextMarker"],
                                             in: response.body) else {
                throw ObjectStoreError(.http, "Azure LIST '\(prefix)' on \(displayName) returned a body that is not List Blobs XML")
            }
            names += texts.filter { $0.path.hasSuffix("/Name") }.map(\.text)
            marker = texts.first { $0.path.hasSuffix("/NextMarker") }?.text
            if marker?.isEmpty == true { marker = nil }
        } while marker != nil
        return names.sorted()
    }

    /// Creates the container unless it exists.
    public func createContainerIfNeeded() async throws {
        let response = try await send("PUT", key: nil, query: [("restype", "container")], body: Data())
        if (200...299).contains(response.status) { return }
        if response.status == 409, errorCode(response) == "ContainerAlreadyExists" { return }
        throw failure("CREATE container", key: nil, response)
    }

    // MARK: - Requests

    private func send(_ method: String, key: String?, query: [(String, String)] = [], headers extra: [(String, String)] = [],
                      body: Data? = nil) async throws -> HTTPExchange.Response {
        let path = "/" + configuration.container + (key.map { "/" + $0 } ?? "")
        var queryText = query.map { "\(SigV4Signer.encode($0.0))=\(SigV4Signer.encode($0.1))" }.joined(separator: "&")
        if case .sas(let sas) = authorizer { queryText += (queryText.isEmpty ? "" : "&") + sas }
        let urlText = base + SigV4Signer.canonicalPath(path) + (queryText.isEmpty ? "" : "?" + queryText)
        var headers = extra + [("x-ms-date", HTTPDate.format(now())), ("x-ms-version", configuration.apiVersion)]
        if case .sharedKey(let signer) = authorizer, let url = URL(string: urlText) {
            headers.append(("authorization", signer.authorization(method: method, url: url, headers: headers)))
        }
        let started = ContinuousClock.now
        do throws(HTTPTransportFailure) {
            let response = try await exchange.send(method: HTTPMethod(rawValue: method), url: urlText, headers: headers, body: body)
            logger.debug("azure blob request", metadata: ["method": "\(method)", "store": "\(displayName)", "key": "\(key ?? "")",
                                                          "status": "\(response.status)", "elapsed": "\(ContinuousClock.now - started)"])
            return response
        } catch {
            throw ObjectStoreError(.unreachable, "Azure \(method) \(key.map { "'\($0)' " } ?? "")on \(displayName) got no answer: \(error.reason); check that the endpoint is up and reachable")
        }
    }

    private func errorCode(_ response: HTTPExchange.Response) -> String? {
        response.headers.first(name: "x-ms-error-code") ?? StorageErrorBody.code(body: response.body)
    }

    private func failure(_ operation: String, key: String?, _ response: HTTPExchange.Response) -> ObjectStoreError {
        let summary = StorageErrorBody.summary(status: response.status, body: response.body,
                                               codeHeader: response.headers.first(name: "x-ms-error-code"))
        let subject = "Azure \(operation) \(key.map { "'\($0)' " } ?? "")on \(displayName) failed: \(summary)"
        switch response.status {
        case 401, 403:
            let hint = switch authorizer {
            case .sas: "check the SAS token's permissions (racwdl), expiry and allowed IPs"
            case .sharedKey: "check the account name and key and the machine's clock"
            }
            return ObjectStoreError(.unauthorized, subject + "; " + hint)
        case 404 where errorCode(response) == "ContainerNotFound":
            return ObjectStoreError(.http, subject + "; create the container (createContainerIfNeeded) or fix its name")
        default:
            return ObjectStoreError(.http, subject)
        }
    }
}
