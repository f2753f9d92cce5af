import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The text of selected elements of a small XML document (S3 and Azure listings and errors),
/// addressed by their slash-joined path from the root, in document order.
enum XMLPaths {
    static func texts(of paths: Set<String>, in data: Data) -> [(path: String, text: String)]? {
        let collector = Collector(paths: paths)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        return parser.parse() ? collector.found : nil
    }

    private final class Collector: NSObject, XMLParserDelegate {
        let paths: Set<String>
        var stack: [String] = []
        var text = ""
        var found: [(path: String, text: String)] = []

        init(paths: Set<String>) { self.paths = paths }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            stack.append(elementName)
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            let path = stack.joined(separator: "/")
            if paths.contains(path) { found.append((path, text)) }
            stack.removeLast()
            text = ""
        }
    }
}

/// `<Error><Code>…</Code><Message>…</Message></Error>` bodies of S3 and Azure, summarised for
/// error messages. Only the code and the first line of the message are kept: other fields
/// (S3's `StringToSign`, Azure's `AuthenticationErrorDetail`) echo request details.
enum StorageErrorBody {
    static func summary(status: Int, body: Data, codeHeader: String? = nil) -> String {
        let texts = XMLPaths.texts(of: ["Error/Code", "Error/Message"], in: body) ?? []
        let code = texts.first { $0.path == "Error/Code" }?.text ?? codeHeader
        let message = texts.first { $0.path == "Error/Message" }?.text
            .split(separator: "\n").first.map { String($0).trimmingCharacters(in: .whitespaces) }
        var out = "HTTP \(status)"
        if let code, !code.isEmpty { out += " \(code)" }
        if let message, !message.isEmpty { out += ": \(message)" }
        return out
    }

    static func code(body: Data) -> String? {
        XMLPaths.texts(of: ["Error/Code"], in: body)?.first?.text
    }
}
