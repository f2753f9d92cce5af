import Foundation

/// An RFC 5322 message with a MIME text/plain (UTF-8, quoted-printable) body and an optional
/// text/html alternative. Lines end in CRLF and stay within 78 characters.
struct EmailMessage: Sendable {
    var from: String
    var fromName: String?
    var to: [String]
    var subject: String
    var text: String
    var html: String?
    var date: Date
    var messageID: String

    func rendered(boundary: String = "dartcast-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")) -> String {
        var headers = [
            "Date: " + Self.rfc5322Date(date),
            "From: " + (fromName.map { "\(MIMEHeader.encodePhrase($0)) <\(from)>" } ?? from),
            "To: " + to.joined(separator: ", "),
            "Subject: " + MIMEHeader.encodeUnstructured(subject),
            "Message-ID: " + messageID,
            "MIME-Version: 1.0",
            "X-Mailer: dartcast",
        ].map(MIMEHeader.fold)
        var lines: [String]
        if let html {
            headers.append(MIMEHeader.fold("Content-Type: multipart/alternative; boundary=\"\(boundary)\""))
            lines = headers + ["", "This is a MIME message: a text part and an HTML part.", "--" + boundary]
            lines += Self.part(type: "text/plain", body: text)
            lines += ["--" + boundary] + Self.part(type: "text/html", body: html) + ["--" + boundary + "--", ""]
        } else {
            lines = headers + Self.part(type: "text/plain", body: text) + [""]
        }
        return lines.joined(separator: "\r\n")
    }

    private static func part(type: String, body: String) -> [String] {
        ["Content-Type: \(type); charset=UTF-8", "Content-Transfer-Encoding: quoted-printable", "", QuotedPrintable.encode(body)]
    }

    /// `Tue, 03 Nov 2026 12:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// Header encoding: RFC 2047 encoded-words for non-ASCII text, folding of long lines.
enum MIMEHeader {
    /// Subject and other free text: ASCII stays readable, anything else becomes `=?UTF-8?B?…?=` words.
    static func encodeUnstructured(_ value: String) -> String {
        let oneLine = value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if oneLine.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 && $0.value != 127 }) { return oneLine }
        return encodedWords(oneLine)
    }

    /// A display name: plain if it is only letters, digits and spaces, else an encoded word.
    static func encodePhrase(_ value: String) -> String {
        if value.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == " " || $0 == "-" || $0 == "_") }) {
            return value
        }
        return encodedWords(value)
    }

    /// Base64 encoded-words of at most 36 UTF-8 bytes each (60 characters, so "Subject: " + one word fits in 78), split on character boundaries.
    private static func encodedWords(_ value: String) -> String {
        var words: [String] = []
        var chunk = Data()
        for character in value {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 36 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk.removeAll(keepingCapacity: true)
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: " ")
    }

    /// Folds a header line longer than 78 characters at spaces (CRLF + space continues it).
    static func fold(_ line: String) -> String {
        guard line.count > 78 else { return line }
        var folded: [String] = []
        var current = ""
        for (index, word) in line.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            // Never break right after "Name:": a value must start on the header's own line.
            if index > 1, current.count + 1 + word.count > 78 {
                folded.append(current)
                current = " " + word
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        folded.append(current)
        return folded.joined(separator: "\r\n")
    }
}

/// Quoted-printable (RFC 2045 §6.7) for UTF-8 text: printable ASCII stays as is, lines end
/// in CRLF and never exceed 76 characters (soft breaks with a trailing `=`).
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var output: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var current = ""
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let token: String
                switch byte {
                case 33...60, 62...126:
                    // A leading dot is encoded so no relay ever mistakes it for end-of-data.
                    token = (byte == 46 && current.isEmpty) ? "=2E" : String(UnicodeScalar(byte))
                case 32, 9:
                    token = isLast ? hex(byte) : String(UnicodeScalar(byte))
                default:
                    token = hex(byte)
                }
                if current.count + token.count > 75 {
                    output.append(current + "=")
                    current = ""
                }
                current += token
            }
            output.append(current)
        }
        return output.joined(separator: "\r\n")
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
