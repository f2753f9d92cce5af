import CCurlShim
import Foundation

/// One SMTP submission: envelope plus the rendered message.
struct SMTPSubmission: Sendable {
    var url: String
    var username: String?
    var password: String?
    var requireTLS: Bool
    var caFile: String?
    var mailFrom: String
    var recipients: [String]
    var message: String
    var connectTimeoutSeconds: Double
    var totalTimeoutSeconds: Double
}

/// The outcome of one attempt, classified for the retry decision.
struct SMTPAttemptFailure: Error, Sendable {
    enum Kind: Sendable { case connect, timeout, tls, authentication, rejected, network, other }
    var kind: Kind
    var curlCode: Int32
    /// Last SMTP reply code, 0 when the server never answered.
    var responseCode: Int
    /// libcurl's text: `curl_easy_strerror` plus the error buffer's detail.
    var message: String

    /// Worth another attempt: the server was unreachable, slow, dropped us, or answered 4xx.
    var isTransient: Bool {
        switch kind {
        case .connect, .timeout, .network: true
        case .rejected, .other: (400...499).contains(responseCode)
        case .tls, .authentication: false
        }
    }
}

/// Sends through libcurl (via the CCurlShim C target). The call blocks, so it runs on a
/// Dispatch worker, not on Swift's cooperative pool.
enum CurlSMTPTransport {
    static func send(_ submission: SMTPSubmission) async -> Result<Void, SMTPAttemptFailure> {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: sendBlocking(submission))
            }
        }
    }

    static func sendBlocking(_ submission: SMTPSubmission) -> Result<Void, SMTPAttemptFailure> {
        // strdup'd copies stay valid for the whole C call; freed below.
        var owned: [UnsafeMutablePointer<CChar>] = []
        func copy(_ text: String?) -> UnsafePointer<CChar>? {
            guard let text, let pointer = strdup(text) else { return nil }
            owned.append(pointer)
            return UnsafePointer(pointer)
        }
        defer { owned.forEach { free($0) } }
        let recipients: [UnsafePointer<CChar>?] = submission.recipients.map { copy($0) }
        var result = dc_smtp_result()
        var errorBuffer = [CChar](repeating: 0, count: 512)
        let messageBytes = Array(submission.message.utf8)
        let status: Int32 = recipients.withUnsafeBufferPointer { recipientPointers in
            messageBytes.withUnsafeBufferPointer { messagePointer in
                messagePointer.withMemoryRebound(to: CChar.self) { messageChars in
                    var request = dc_smtp_request(
                        url: copy(submission.url), username: copy(submission.username), password: copy(submission.password),
                        mail_from: copy(submission.mailFrom), recipients: recipientPointers.baseAddress,
                        recipient_count: recipientPointers.count, message: messageChars.baseAddress,
                        message_length: messageChars.count, ca_file: copy(submission.caFile),
                        require_tls: submission.requireTLS ? 1 : 0,
                        connect_timeout_ms: Int(submission.connectTimeoutSeconds * 1000),
                        total_timeout_ms: Int(submission.totalTimeoutSeconds * 1000))
                    return errorBuffer.withUnsafeMutableBufferPointer { buffer in
                        dc_curl_smtp_send(&request, &result, buffer.baseAddress, buffer.count)
                    }
                }
            }
        }
        if status == 0 { return .success(()) }
        let message = String(decoding: errorBuffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return .failure(SMTPAttemptFailure(kind: kind(result.failure), curlCode: result.curl_code,
                                           responseCode: Int(result.response_code), message: message))
    }

    private static func kind(_ failure: dc_smtp_failure) -> SMTPAttemptFailure.Kind {
        switch failure {
        case DC_SMTP_CONNECT: .connect
        case DC_SMTP_TIMEOUT: .timeout
        case DC_SMTP_TLS: .tls
        case DC_SMTP_AUTH: .authentication
        case DC_SMTP_REJECTED: .rejected
        case DC_SMTP_NETWORK: .network
        default: .other
        }
    }
}
