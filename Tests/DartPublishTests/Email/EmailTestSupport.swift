import DartTesting
import Foundation
import Logging
@testable import DartPublish

enum EmailTestSupport {
    static let logger = Logger(label: "dartcast.tests.email")
    static let recipients = ["ops@example.com", "trading-desk@example.org"]

    static func configuration(_ service: TestServices.SMTP, password: String? = nil, port: Int? = nil,
                              retry: RetryPolicy = RetryPolicy(maxAttempts: 2, baseDelaySeconds: 0.05)) -> EmailConfiguration {
        EmailConfiguration(host: service.host, port: port ?? service.port, security: .starttls, username: service.user,
                           password: password ?? service.password, from: "dartcast@example.com", fromName: "dartcast forecasts",
                           recipients: recipients, caFile: service.caFile, connectTimeoutSeconds: 3, totalTimeoutSeconds: 10,
                           retry: retry)
    }

    /// The spooled message that mentions `marker`, waiting up to 5 s for the server to write it.
    static func spooledMessage(containing marker: String, in directory: URL) async throws -> URL? {
        for _ in 0..<50 {
            let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
            for file in files where file.pathExtension == "eml" && !file.lastPathComponent.hasPrefix(".") {
                if let text = try? String(contentsOf: file, encoding: .utf8), text.contains(marker) { return file }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Parses a message with Python's `email` package (an independent MIME implementation) and
    /// returns headers, part types and the decoded text and HTML bodies as JSON.
    static func parseWithPython(_ file: URL) throws -> [String: Any] {
        let script = """
        import email, email.policy, json, sys
        msg = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
        out = {k: str(msg[k]) for k in ['From', 'To', 'Subject', 'Date', 'Message-ID', 'MIME-Version', 'X-TLS', 'X-Authenticated-As', 'X-Envelope-To', 'X-Envelope-From']}
        out['types'] = [p.get_content_type() for p in msg.walk()]
        out['charsets'] = [p.get_content_charset() for p in msg.walk() if not p.is_multipart()]
        out['text'] = msg.get_body(('plain',)).get_content()
        html = msg.get_body(('html',))
        out['html'] = html.get_content() if html else None
        out['date_ok'] = email.utils.parsedate_to_datetime(msg['Date']) is not None
        out['max_line'] = max(len(l) for l in open(sys.argv[1], 'rb').read().split(b'\\r\\n'))
        print(json.dumps(out))
        """
        let output = try PythonRunner.run(script: script, arguments: [file.path])
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
    }
}
