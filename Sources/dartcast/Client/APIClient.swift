import AsyncHTTPClient
import DartServer
import Foundation
import NIOCore
import NIOHTTP1

/// The `--server URL` side of the CLI: requests to a running `dartcast serve`. The token is
/// sent only in the Authorization header and never printed.
struct APIClient {
    let baseURL: String
    let token: String?

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func get(_ path: String) async throws -> Data {
        try await send(path, method: .GET)
    }

    func post(_ path: String) async throws -> Data {
        try await send(path, method: .POST)
    }

    func getJSON<T: Decodable>(_ path: String, as type: T.Type = T.self) async throws -> T {
        try JSONDecoder().decode(T.self, from: try await get(path))
    }

    func postJSON<T: Decodable>(_ path: String, as type: T.Type = T.self) async throws -> T {
        try JSONDecoder().decode(T.self, from: try await post(path))
    }

    private func send(_ path: String, method: HTTPMethod) async throws -> Data {
        let url = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) + path : baseURL + path
        var request = HTTPClientRequest(url: url)
        request.method = method
        if method == .POST {
            if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
            request.body = .bytes(ByteBuffer())
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let response = try await client.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 256 << 20)
            try await client.shutdown()
            let data = Data(body.readableBytesView)
            guard (200..<300).contains(Int(response.status.code)) else {
                throw Failure(description: "\(method.rawValue) \(url): \(response.status.code) \(Self.message(in: data))")
            }
            return data
        } catch let failure as Failure {
            throw failure
        } catch {
            try? await client.shutdown()
            throw Failure(description: "cannot reach \(url): \(error); is `dartcast serve` running there?")
        }
    }

    /// The server's error message, or the body text.
    static func message(in data: Data) -> String {
        if let body = try? JSONDecoder().decode(APIErrorBody.self, from: data) { return body.error.message }
        return String(decoding: data.prefix(500), as: UTF8.self)
    }
}
