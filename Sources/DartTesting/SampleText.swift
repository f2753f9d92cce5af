import Foundation

/// Text of the bundled `.csv.gz` sample files, for tests that slice them.
public enum SampleText {
    /// The decompressed text of a gzip file (`gzip -dc`).
    public static func gunzip(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The bundled tidy hourly sample, decompressed once per test process.
    static let dartHourlyLines: [Substring] = (try! gunzip(SamplePaths.dartHourly15)).split(separator: "\n")

    /// The sample's tidy hourly rows of `points` with delivery dates in [from, through], header first.
    public static func dartHourlySlice(points: [String], from: String, through: String) -> [Substring] {
        let wanted = Set(points)
        return dartHourlyLines.enumerated().filter { index, line in
            guard index > 0 else { return true }
            let fields = line.split(separator: ",", maxSplits: 5, omittingEmptySubsequences: false)
            return fields.count > 5 && wanted.contains(String(fields[4])) && fields[0] >= from && fields[0] <= through
        }.map(\.element)
    }
}
