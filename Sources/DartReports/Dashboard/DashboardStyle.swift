/// Dashboard-only styles on top of `HTML.page`'s stylesheet.
enum DashboardStyle {
    static let css = """
    header{display:flex;align-items:baseline;gap:16px;margin-bottom:8px} header h1{margin:0}
    h3{font-size:14px;margin:14px 0 6px}
    .cards{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 4px} .cards .card{min-width:150px}
    .big{font-size:20px;font-weight:600;margin-top:2px}
    section table{width:100%} .nowrap{white-space:nowrap} td{vertical-align:top} .small{font-size:12px} code{font-size:12px}
    .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;background:#57606a}
    .badge.succeeded{background:#1a7f37} .badge.failed{background:#cf222e} .badge.running{background:#0969da}
    .badge.interrupted{background:#9a6700} .badge.skipped{background:#57606a} .badge.degraded{background:#bc4c00}
    .problems{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:6px 12px;margin:8px 0}
    .points a{display:inline-block;margin:2px 6px 2px 0;padding:1px 6px;border:1px solid #d0d7de;border-radius:4px;text-decoration:none;color:#0969da;font-size:12px}
    .points a.selected{background:#0969da;color:#fff}
    .multiples{display:flex;flex-wrap:wrap;gap:8px} .multiples a{text-decoration:none}
    """
}
