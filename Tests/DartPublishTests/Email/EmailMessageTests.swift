import DartTesting
import Foundation
import Testing
@testable import DartPublish

/// Message composition and configuration checks: no server needed.
@Suite struct EmailMessageTests {
    static let date = Date(timeIntervalSince1970: 1_730_541_600)

    @Test func rendersAnRFC5322MessageWithCRLFAndShortLines() {
        let message = EmailMessage(from: "dartcast@example.com", fromName: "dartcast", to: ["a@example.com", "b@example.com"],
                                   subject: "dartcast dayahead run r1 FAILED at train", text: "line one\nline two", html: nil,
                                   date: Self.date, messageID: "<id-1@example.com>").rendered()
        #expect(message.hasPrefix([
            "Date: Sat, 02 Nov 2024 10:00:00 +0000", "From: dartcast <dartcast@example.com>", "To: a@example.com, b@example.com",
            "Subject: dartcast dayahead run r1 FAILED at train", "Message-ID: <id-1@example.com>", "MIME-Version: 1.0", "",
        ].joined(separator: "\r\n")))
        #expect(message.hasSuffix("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nline one\r\nline two\r\n"))
        #expect(!message.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func encodesNonASCIISubjectsAndBodiesSoPythonDecodesThemBack() throws {
        let subject = "Prévision DART échouée: Δ > 5 000 $/MWh at HB_NORTH and 12 other settlement points, see the dashboard"
        let body = "Zürich = ok\n.leading dot\ntrailing space \n" + String(repeating: "long-line-é ", count: 20)
        let message = EmailMessage(from: "dartcast@example.com", fromName: "Prévisions", to: ["a@example.com"], subject: subject,
                                   text: body, html: "<p>é</p>", date: Self.date, messageID: "<x@example.com>").rendered(boundary: "b0")
        #expect(message.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        let file = try SamplePaths.temporaryDirectory().appendingPathComponent("m.eml")
        try Data(message.utf8).write(to: file)
        let parsed = try EmailTestSupport.parseWithPython(file)
        #expect(parsed["Subject"] as? String == subject)
        #expect(parsed["From"] as? String == "Prévisions <dartcast@example.com>")
        // MIME text uses CRLF line ends; compare with the input's LF.
        #expect((parsed["text"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == body)
        #expect(parsed["html"] as? String == "<p>é</p>")
    }

    @Test func rejectsSettingsThatCouldInjectHeadersOrLeakThePassword() {
        func configuration(_ change: (inout EmailConfiguration) -> Void) -> EmailConfiguration {
            var configuration = EmailConfiguration(host: "smtp.example.com", username: "u", password: "pw",
                                                   from: "dartcast@example.com", recipients: ["ops@example.com"])
            change(&configuration)
            return configuration
        }
        let bad: [(String, EmailConfiguration)] = [
            ("recipients", configuration { $0.recipients = ["ops@example.com\r\nBcc: x@evil.com"] }),
            ("recipients", configuration { $0.recipients = [] }),
            ("from", configuration { $0.from = "Dart <dartcast@example.com>" }),
            ("without TLS", configuration { $0.security = .none }),
            ("smtp_port", configuration { $0.port = 0 }),
        ]
        for (expected, configuration) in bad {
            do {
                try configuration.validate()
                Issue.record("accepted a configuration with a bad \(expected)")
            } catch let error as NotifierError {
                #expect(error.code == .configuration)
                #expect(error.message.contains(expected))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        #expect(!configuration { _ in }.description.contains("pw"))
    }
}
