import DartCore
import DartData
import DartTesting
import Foundation
import Logging

/// A fresh store in a temporary directory with a fixed clock.
func makeStore(now: Date = Date(timeIntervalSince1970: 1_750_000_000),
               logger: Logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
               lockWaitSeconds: Double = 120) throws -> MarketStore {
    let directory = try SamplePaths.temporaryDirectory("dartdata-test")
    return try MarketStore(directory: directory, logger: logger, now: { now }, lockWaitSeconds: lockWaitSeconds)
}

/// The uncompressed lines of a sample file.
func sampleLines(_ url: URL) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-dc", url.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        .filter { !$0.isEmpty }
}

/// Writes `lines` as a CSV file in a temporary directory.
func writeCSV(_ lines: [String], name: String = "input.csv") throws -> URL {
    let url = try SamplePaths.temporaryDirectory("dartdata-csv").appendingPathComponent(name)
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    return url
}

func utc(_ text: String) -> Int64 { UTCFormat.parse(text)! }

let houston = SettlementPoint("HB_HOUSTON")!
