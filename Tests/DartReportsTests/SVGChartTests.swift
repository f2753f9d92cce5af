import Testing
@testable import DartReports

@Suite struct SVGChartTests {
    @Test func lineChartDrawsOnePathPerSeriesAndTheBand() {
        let chart = SVGChart(title: "Forecast <HB_NORTH>", yLabel: "$/MWh", xAxis: .utcTime)
        let svg = chart.lines([
            .init(name: "P50", points: [(0, 1), (3600, 2), (7200, -3)]),
            .init(name: "actual", points: [(0, 0), (3600, .nan), (7200, 1)]),
        ], bands: [.init(name: "P10–P90", x: [0, 3600, 7200], lower: [-1, 0, -5], upper: [3, 4, 0])])
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.components(separatedBy: "class=\"series\"").count - 1 == 2)
        #expect(svg.contains("fill-opacity=\"0.25\""))
        #expect(svg.contains("Forecast &lt;HB_NORTH&gt;"))
        #expect(!svg.contains("<HB_NORTH>"))
        // The NaN lifts the pen: the second series has two move-to commands.
        let actualPath = svg.components(separatedBy: "class=\"series\"")[2]
        #expect(actualPath.prefix(200).filter { $0 == "M" }.count == 2)
    }

    @Test func barChartDrawsOneRectPerFiniteValue() {
        let svg = SVGChart(title: "MAE by HE", yLabel: "$/MWh").bars(
            categories: ["1", "2", "3"], series: [("lightgbm", [1, 2, .nan]), ("zero", [2, 3, 4])])
        #expect(svg.components(separatedBy: "<rect x=").count - 1 == 5 + 2)  // 5 bars + 2 legend swatches
    }

    @Test func emptyChartSaysNoData() {
        #expect(SVGChart(title: "t", yLabel: "y").lines([]).contains("no data"))
    }

    @Test func escapesHTML() {
        #expect(HTML.escape("a<b & \"c\" 'd'") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;")
    }
}
