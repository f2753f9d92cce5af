import DartCore
import DartData
import DartTesting
import Foundation
import Testing

@Suite struct SyntheticSampleTests {
    /// Default window 2024-10-30 … 11-05 includes the 25-hour fall-back day.
    func generate(seed: UInt64, start: String = "2024-10-30", days: Int = 7, hours: Int = 7 * 24 + 1, name: String) throws -> URL {
        let url = try SamplePaths.temporaryDirectory().appendingPathComponent(name)
        let generator = SyntheticMarketGenerator(configuration: .init(points: 3, days: days, seed: seed, start: OperatingDay(start)!))
        let rows = try generator.write(to: url.path)
        #expect(rows == 3 * hours)
        return url
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let a = try Data(contentsOf: try generate(seed: 7, name: "a.csv"))
        let b = try Data(contentsOf: try generate(seed: 7, name: "b.csv"))
        let c = try Data(contentsOf: try generate(seed: 8, name: "c.csv"))
        #expect(a == b)
        #expect(a != c)
        let text = String(decoding: a, as: UTF8.self)
        #expect(text.hasPrefix("delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam_price,rtm_price,dart,dam_conflict_day\n"))
        #expect(text.contains("2024-11-03,2,Y,2024-11-03T07:00:00Z,SYN_0001,"))
        #expect(!text.contains("HB_") && !text.contains("LZ_"))
    }

    @Test func generatedGzipIngestsCleanly() throws {
        let url = try generate(seed: 3, start: "2024-03-08", days: 4, hours: 4 * 24 - 1, name: "syn.csv.gz")
        let store = try makeStore()
        let report = try store.ingest(file: url)
        #expect(report.rejected == 0)
        #expect(report.inserted == 3 * (4 * 24 - 1))  // 2024-03-10 has 23 hours
        let status = try store.status()
        #expect(status.map(\.point.name) == ["SYN_0001", "SYN_0002", "SYN_0003"])
        #expect(status.allSatisfy { $0.gaps.isEmpty && $0.completeHours == 4 * 24 - 1 })
    }
}
