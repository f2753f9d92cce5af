import ArgumentParser
import DartCore
import DartData
import Foundation

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample", abstract: "Synthetic data for benchmarks.", subcommands: [SampleGenerateCommand.self])
}

struct SampleGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write SYNTHETIC hourly DAM/RT/DART data (points SYN_0001…) in the tidy 15-point layout. For benchmarks only.",
        discussion: """
            The numbers are made up: realistic daily and seasonal shape, noise correlated across points, occasional \
            spikes and correct DST labels, deterministic per seed. Never use them to judge a forecast; the real \
            sample is in data/sample/.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Number of settlement points.")
    var points = 15

    @Option(help: "Number of operating days.")
    var days = 30

    @Option(help: "Random seed; the same seed gives the same file.")
    var seed: UInt64 = 1

    @Option(help: "First operating day, YYYY-MM-DD.")
    var start = "2024-01-01"

    @Option(help: "Output path; gzip-compressed when it ends in .gz.")
    var out: String

    func validate() throws {
        guard OperatingDay(start) != nil else { throw ValidationError("--start '\(start)' is not a date; write YYYY-MM-DD") }
        guard (1...100_000).contains(points) else { throw ValidationError("--points must be 1…100000") }
        guard (1...36_500).contains(days) else { throw ValidationError("--days must be 1…36500") }
    }

    func run() throws {
        let generator = SyntheticMarketGenerator(configuration: .init(points: points, days: days, seed: seed, start: OperatingDay(start)!))
        let rows = try generator.write(to: out)
        print("wrote \(rows) synthetic rows (\(points) points × \(days) days from \(start), seed \(seed)) to \(out)")
    }
}
