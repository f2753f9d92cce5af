import Foundation

/// A webhook URL. Webhook URLs are credentials (whoever has one can post to the channel), so
/// printing, dumping or logging an endpoint never shows it, and errors never include it.
public struct WebhookEndpoint: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let url: String

    /// - Throws: `NotifierError(.configuration)` unless the URL is http(s) with a host; the
    ///   message names the channel, not the URL.
    public init(_ url: String, channel: String) throws {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let parsed = URL(string: trimmed), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
              parsed.host?.isEmpty == false else {
            throw NotifierError(.configuration, "the \(channel) webhook URL is not an http(s) URL; copy it again from the channel's webhook settings")
        }
        self.url = trimmed
    }

    public var description: String { "<webhook URL redacted>" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// `text` with any copy of this URL, or of its path and query, replaced (for echoing answers).
    func redacting(_ text: String) -> String {
        var out = text.replacingOccurrences(of: url, with: "<webhook URL>")
        if let components = URLComponents(string: url) {
            let tail = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
            if tail.count > 1 { out = out.replacingOccurrences(of: tail, with: "<webhook path>") }
            if let query = components.percentEncodedQuery, !query.isEmpty { out = out.replacingOccurrences(of: query, with: "<webhook query>") }
        }
        return out
    }
}
