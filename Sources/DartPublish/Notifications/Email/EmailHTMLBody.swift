import Foundation

/// The text/html alternative: the same lines as the text part, escaped, with the title as a heading.
enum EmailHTMLBody {
    static func render(_ notification: RunNotification) -> String {
        let colour = notification.outcome == .succeeded ? "#1a7f37" : "#cf222e"
        var html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">\n"
        html += "<h3 style=\"color:\(colour)\">\(escape(notification.title))</h3>\n"
        html += "<pre style=\"font-size:13px\">\(escape(notification.text))</pre>\n"
        if let link = notification.link { html += "<p><a href=\"\(escape(link))\">Open the run</a></p>\n" }
        return html + "</body></html>"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
