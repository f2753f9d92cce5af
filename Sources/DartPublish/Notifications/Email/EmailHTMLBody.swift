import DartReports
import Foundation

/// The text/html alternative: the same lines as the text part, escaped, with the title as a heading.
enum EmailHTMLBody {
    static func render(_ notification: RunNotification) -> String {
        let colour = notification.outcome == .succeeded ? "#1a7f37" : notification.outcome == .degraded ? "#9a6700" : "#cf222e"
        var html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">\n"
        html += "<h3 style=\"color:\(colour)\">\(HTML.escape(notification.title))</h3>\n"
        html += "<pre style=\"font-size:13px\">\(HTML.escape(notification.text))</pre>\n"
        if let link = notification.link { html += "<p><a href=\"\(HTML.escape(link))\">Open the run</a></p>\n" }
        return html + "</body></html>"
    }
}
