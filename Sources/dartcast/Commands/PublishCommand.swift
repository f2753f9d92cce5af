import DartRuntime
import ArgumentParser
import DartCore
import DartPipeline
import Foundation

struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Retry pending deliveries (object store, SQL, notifications) from their local outbox copies.",
        discussion: "Targets are built from the current settings, so fix a setting or secret, then retry.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Retry every pending delivery once.")
    var retryPending = false

    func validate() throws {
        guard retryPending else { throw ValidationError("nothing to do: pass --retry-pending") }
    }

    func run() async throws {
        let summary = try await global.runtime(label: "dartcast.publish").pipeline().retryPending()
        print("retried \(summary.attempted) pending deliveries: \(summary.delivered) delivered, \(summary.stillPending.count) still pending")
        for delivery in summary.stillPending {
            print("  \(delivery.runID)  \(delivery.target)  attempts \(delivery.attempts)  \(delivery.lastError ?? "")")
        }
        if !summary.stillPending.isEmpty { throw ExitCode(1) }
    }
}
