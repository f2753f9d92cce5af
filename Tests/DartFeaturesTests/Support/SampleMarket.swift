import DartCore
import DartTesting
import Foundation

/// The bundled real sample as a `MarketHistory`, read with a minimal test-only parser
/// (ingest proper lives in DartData): 15 points' DAM/RT and the 2024 wind/solar day-ahead
/// postings with their posting times.
enum SampleMarket {
    static let history: MarketHistory = load()

    static func lines(_ url: URL) -> [Substring] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try! process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst().map { $0 }
    }

    static func load() -> MarketHistory {
        var rows: [(utc: Int64, point: String, dam: Double, rt: Double)] = []
        for line in lines(SamplePaths.dartHourly15) {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            rows.append((UTCFormat.parse(f[3])!, String(f[4]), Double(f[5]) ?? .nan, Double(f[6]) ?? .nan))
        }
        let names = Array(Set(rows.map(\.point))).sorted()
        let start = rows.map(\.utc).min()!, end = rows.map(\.utc).max()! + 3600
        let count = Int((end - start) / 3600)
        var dam = [[Double]](repeating: [Double](repeating: .nan, count: count), count: names.count)
        var rtm = dam
        let pointIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        for row in rows {
            let i = Int((row.utc - start) / 3600), p = pointIndex[row.point]!
            dam[p][i] = row.dam
            rtm[p][i] = row.rt
        }
        var postings: [String: [ExogenousSeries.Posting]] = [:]
        for line in lines(SamplePaths.windSolarForecasts2024) {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let target = UTCFormat.parse(f[2])!
            for (name, column, posted) in [("wind_stwpf", 3, 5), ("wind_cophsl", 4, 5),
                                           ("solar_stppf", 8, 10), ("solar_cophsl", 9, 10),
                                           ("wind_stwpf_final", 6, 5)] {
                guard let value = Double(f[column]), let postedAt = localToUTC(f[posted]) else { continue }
                postings[name, default: []].append(.init(targetUTC: target, postedAtUTC: postedAt, value: value))
            }
        }
        return MarketHistory(startUTC: start, hourCount: count, points: names.map { SettlementPoint($0)! },
                             dam: dam, rtm: rtm, exogenous: postings.mapValues { ExogenousSeries(postings: $0) })
    }

    /// `YYYY-MM-DD HH:MM:SS` in Central time → UTC seconds.
    static func localToUTC(_ text: Substring) -> Int64? {
        guard text.count >= 19, let day = OperatingDay(text.prefix(10)) else { return nil }
        let clock = text.dropFirst(11).split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        return MarketTimeZone.ercot.utc(localDay: day, minuteOfDay: clock[0] * 60 + clock[1]) + Int64(clock[2])
    }
}
