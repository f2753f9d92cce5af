/// Escaping and page scaffolding for the self-contained HTML reports and dashboard
/// (no external CSS, scripts or fonts: a trading desk may have no internet access).
public enum HTML {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A complete page with a small built-in stylesheet.
    public static func page(title: String, body: String, refreshSeconds: Int? = nil) -> String {
        let refresh = refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? ""
        return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">\(refresh)
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#1b1f24;background:#fafbfc}
        h1{font-size:22px;margin:0 0 12px} h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
        table{border-collapse:collapse;font-size:13px;background:#fff} th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:right}
        th{background:#f3f4f6} td.l,th.l{text-align:left} .muted{color:#57606a;font-size:13px}
        .ok{color:#1a7f37;font-weight:600} .bad{color:#cf222e;font-weight:600} .warn{color:#9a6700;font-weight:600}
        .grid{display:flex;flex-wrap:wrap;gap:16px} .card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px}
        svg text{font-family:inherit}
        </style></head><body>
        \(body)
        </body></html>
        """
    }

    /// A table with the first column left-aligned. Cells are escaped.
    public static func table(header: [String], rows: [[String]], id: String? = nil) -> String {
        var out = "<table\(id.map { " id=\"\(escape($0))\"" } ?? "")><thead><tr>"
        for (index, cell) in header.enumerated() { out += "<th\(index == 0 ? " class=\"l\"" : "")>\(escape(cell))</th>" }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() { out += "<td\(index == 0 ? " class=\"l\"" : "")>\(escape(cell))</td>" }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }
}
