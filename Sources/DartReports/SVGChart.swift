import Foundation

/// Small server-side SVG charts: lines with optional shaded bands, and grouped bars.
public struct SVGChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var color: String?
        public var dashed: Bool
        public init(name: String, points: [(x: Double, y: Double)], color: String? = nil, dashed: Bool = false) {
            self.name = name
            self.points = points
            self.color = color
            self.dashed = dashed
        }
    }

    /// A shaded area between `lower` and `upper` at the same x positions (e.g. P10–P90).
    public struct Band: Sendable {
        public var name: String
        public var x: [Double]
        public var lower: [Double]
        public var upper: [Double]
        public var color: String
        public init(name: String, x: [Double], lower: [Double], upper: [Double], color: String = "#54aeff") {
            self.name = name
            self.x = x
            self.lower = lower
            self.upper = upper
            self.color = color
        }
    }

    public enum XAxis: Sendable { case numeric, utcTime, categories([String]) }

    public var title: String
    public var yLabel: String
    public var xAxis: XAxis
    public var width: Double = 560
    public var height: Double = 300

    public init(title: String, yLabel: String, xAxis: XAxis = .numeric, width: Double = 560, height: Double = 300) {
        self.title = title
        self.yLabel = yLabel
        self.xAxis = xAxis
        self.width = width
        self.height = height
    }

    static let palette = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bf8700", "#57606a", "#e16f24", "#1b7c83", "#a40e26", "#6639ba"]
    static let margin = (left: 56.0, right: 12.0, top: 28.0, bottom: 44.0)

    /// Lines over shaded bands.
    public func lines(_ series: [Series], bands: [Band] = []) -> String {
        let xs = series.flatMap { $0.points.map(\.x) } + bands.flatMap(\.x)
        let ys = series.flatMap { $0.points.map(\.y) } + bands.flatMap { $0.lower + $0.upper }
        let finiteY = ys.filter(\.isFinite)
        guard let minX = xs.min(), let maxX = xs.max(), let minY0 = finiteY.min(), let maxY0 = finiteY.max() else {
            return empty()
        }
        let (minY, maxY) = Self.padded(minY0, maxY0)
        let scale = Scale(minX: minX, maxX: maxX == minX ? minX + 1 : maxX, minY: minY, maxY: maxY, width: width, height: height)
        var svg = open() + axes(scale)
        for band in bands {
            var path = ""
            for index in band.x.indices where band.lower[index].isFinite && band.upper[index].isFinite {
                path += (path.isEmpty ? "M" : "L") + "\(Self.f(scale.x(band.x[index]))),\(Self.f(scale.y(band.upper[index])))"
            }
            for index in band.x.indices.reversed() where band.lower[index].isFinite && band.upper[index].isFinite {
                path += "L\(Self.f(scale.x(band.x[index]))),\(Self.f(scale.y(band.lower[index])))"
            }
            if !path.isEmpty { svg += "<path d=\"\(path)Z\" fill=\"\(band.color)\" fill-opacity=\"0.25\" stroke=\"none\"><title>\(HTML.escape(band.name))</title></path>" }
        }
        for (index, one) in series.enumerated() {
            let color = one.color ?? Self.palette[index % Self.palette.count]
            var path = ""
            var penUp = true
            for point in one.points {
                guard point.y.isFinite else { penUp = true; continue }
                path += (penUp ? "M" : "L") + "\(Self.f(scale.x(point.x))),\(Self.f(scale.y(point.y)))"
                penUp = false
            }
            svg += "<path class=\"series\" d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.6\"\(one.dashed ? " stroke-dasharray=\"5 3\"" : "")><title>\(HTML.escape(one.name))</title></path>"
        }
        svg += legend(series.enumerated().map { ($0.element.name, $0.element.color ?? Self.palette[$0.offset % Self.palette.count]) }
                      + bands.map { ($0.name, $0.color) })
        return svg + "</svg>"
    }

    /// Grouped bars: one group per category, one bar per series.
    public func bars(categories: [String], series: [(name: String, values: [Double])]) -> String {
        let values = series.flatMap(\.values).filter(\.isFinite)
        guard !categories.isEmpty, let maxV = values.max() else { return empty() }
        let minV = min(0, values.min() ?? 0)
        let (minY, maxY) = Self.padded(minV, maxV)
        let scale = Scale(minX: 0, maxX: Double(categories.count), minY: min(0, minY), maxY: maxY, width: width, height: height)
        var chart = self
        chart.xAxis = .categories(categories)
        var svg = open() + chart.axes(scale)
        let groupWidth = scale.plotWidth / Double(categories.count)
        let barWidth = max(1, groupWidth * 0.8 / Double(max(series.count, 1)))
        for (seriesIndex, one) in series.enumerated() {
            let color = Self.palette[seriesIndex % Self.palette.count]
            for (categoryIndex, value) in one.values.enumerated() where value.isFinite && categoryIndex < categories.count {
                let x0 = scale.x(Double(categoryIndex)) + groupWidth * 0.1 + Double(seriesIndex) * barWidth
                let yTop = scale.y(max(value, 0)), yBottom = scale.y(min(value, 0))
                svg += "<rect x=\"\(Self.f(x0))\" y=\"\(Self.f(yTop))\" width=\"\(Self.f(barWidth))\" height=\"\(Self.f(max(0.5, yBottom - yTop)))\" fill=\"\(color)\"><title>\(HTML.escape(one.name)) \(HTML.escape(categories[categoryIndex])): \(Self.f(value))</title></rect>"
            }
        }
        svg += legend(series.enumerated().map { ($0.element.name, Self.palette[$0.offset % Self.palette.count]) })
        return svg + "</svg>"
    }

    // MARK: - Pieces

    struct Scale {
        let minX, maxX, minY, maxY, width, height: Double
        var plotWidth: Double { width - SVGChart.margin.left - SVGChart.margin.right }
        var plotHeight: Double { height - SVGChart.margin.top - SVGChart.margin.bottom }
        func x(_ value: Double) -> Double { SVGChart.margin.left + (value - minX) / (maxX - minX) * plotWidth }
        func y(_ value: Double) -> Double { SVGChart.margin.top + (1 - (value - minY) / (maxY - minY)) * plotHeight }
    }

    func open() -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(Self.f(width))\" height=\"\(Self.f(height))\" viewBox=\"0 0 \(Self.f(width)) \(Self.f(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><text x=\"\(Self.f(width / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"600\">\(HTML.escape(title))</text>"
    }

    func empty() -> String { open() + "<text x=\"\(Self.f(width / 2))\" y=\"\(Self.f(height / 2))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#57606a\">no data</text></svg>" }

    func axes(_ scale: Scale) -> String {
        let left = Self.margin.left, bottom = height - Self.margin.bottom, right = width - Self.margin.right
        var svg = "<g stroke=\"#8c959f\" stroke-width=\"1\"><line x1=\"\(Self.f(left))\" y1=\"\(Self.f(Self.margin.top))\" x2=\"\(Self.f(left))\" y2=\"\(Self.f(bottom))\"/><line x1=\"\(Self.f(left))\" y1=\"\(Self.f(bottom))\" x2=\"\(Self.f(right))\" y2=\"\(Self.f(bottom))\"/></g>"
        for tick in Self.ticks(scale.minY, scale.maxY, count: 5) {
            let y = scale.y(tick)
            svg += "<line x1=\"\(Self.f(left))\" y1=\"\(Self.f(y))\" x2=\"\(Self.f(right))\" y2=\"\(Self.f(y))\" stroke=\"#eaeef2\"/><text x=\"\(Self.f(left - 4))\" y=\"\(Self.f(y + 4))\" text-anchor=\"end\" font-size=\"10\">\(Self.label(tick))</text>"
        }
        if scale.minY < 0, scale.maxY > 0 {
            svg += "<line x1=\"\(Self.f(left))\" y1=\"\(Self.f(scale.y(0)))\" x2=\"\(Self.f(right))\" y2=\"\(Self.f(scale.y(0)))\" stroke=\"#57606a\" stroke-dasharray=\"2 2\"/>"
        }
        switch xAxis {
        case .categories(let names):
            let step = max(1, names.count / 12)
            for (index, name) in names.enumerated() where index % step == 0 {
                let x = scale.x(Double(index) + 0.5)
                svg += "<text x=\"\(Self.f(x))\" y=\"\(Self.f(bottom + 14))\" text-anchor=\"middle\" font-size=\"10\">\(HTML.escape(name))</text>"
            }
        case .numeric, .utcTime:
            for tick in Self.ticks(scale.minX, scale.maxX, count: 6) {
                let x = scale.x(tick)
                let text: String
                if case .utcTime = xAxis {
                    text = String(Self.isoDate(tick))
                } else {
                    text = Self.label(tick)
                }
                svg += "<text x=\"\(Self.f(x))\" y=\"\(Self.f(bottom + 14))\" text-anchor=\"middle\" font-size=\"10\">\(HTML.escape(text))</text>"
            }
        }
        svg += "<text transform=\"translate(12 \(Self.f((Self.margin.top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"11\">\(HTML.escape(yLabel))</text>"
        return svg
    }

    func legend(_ entries: [(String, String)]) -> String {
        var svg = ""
        var x = Self.margin.left
        let y = height - 10
        for (name, color) in entries {
            svg += "<rect x=\"\(Self.f(x))\" y=\"\(Self.f(y - 8))\" width=\"10\" height=\"10\" fill=\"\(color)\"/><text x=\"\(Self.f(x + 13))\" y=\"\(Self.f(y + 1))\" font-size=\"10\">\(HTML.escape(name))</text>"
            x += 20 + Double(name.count) * 6
        }
        return svg
    }

    static func padded(_ low: Double, _ high: Double) -> (Double, Double) {
        if low == high { return (low - 1, high + 1) }
        let pad = (high - low) * 0.05
        return (low - pad, high + pad)
    }

    static func ticks(_ low: Double, _ high: Double, count: Int) -> [Double] {
        let raw = (high - low) / Double(count)
        guard raw > 0, raw.isFinite else { return [low] }
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var tick = ceil(low / step) * step
        var out: [Double] = []
        while tick <= high + step * 1e-9, out.count < 50 { out.append(tick); tick += step }
        return out
    }

    static func label(_ value: Double) -> String {
        if abs(value) >= 1000 { return String(format: "%.0f", value) }
        if value == value.rounded() { return String(format: "%.0f", value) }
        return String(format: "%.2f", value)
    }

    static func isoDate(_ seconds: Double) -> Substring {
        let days = Int((seconds / 86_400).rounded(.down))
        var date = Date(timeIntervalSince1970: Double(days) * 86_400).formatted(.iso8601.year().month().day())
        if date.count > 10 { date = String(date.prefix(10)) }
        return Substring(date)
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
