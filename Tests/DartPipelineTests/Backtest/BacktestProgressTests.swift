import Foundation
import Testing
@testable import DartPipeline

@Suite struct BacktestProgressTests {
    @Test func etaIsTheMeanRefitTimeTimesTheRefitsLeft() {
        let progress = BacktestProgress(completed: 2, total: 6, elapsedSeconds: 65)
        #expect(progress.etaSeconds == 130)
        #expect(progress.line(detail: "2024-11-01…2024-11-30") == "refit 2/6  elapsed 1m05s  ETA 2m10s  2024-11-01…2024-11-30")
        #expect(BacktestProgress(completed: 6, total: 6, elapsedSeconds: 10).etaSeconds == 0)
        #expect(BacktestProgress(completed: 0, total: 6, elapsedSeconds: 3).line() == "refit 0/6  elapsed 3s  ETA ?")
    }

    @Test func durationsReadLikeAClock() {
        #expect(BacktestProgress.duration(44.6) == "45s")
        #expect(BacktestProgress.duration(125) == "2m05s")
        #expect(BacktestProgress.duration(3720) == "1h02m")
    }

    @Test func onATerminalOneLineIsRewrittenInPlaceAndCutToTheWidth() {
        let output = Captured()
        let display = ProgressDisplay(isTerminal: true, width: 20) { output.append($0) }
        display.update("refit 1/3  elapsed 5s  ETA 10s")  // 20 columns: 19 characters, so the cursor never wraps
        display.update("refit 2/3")
        display.finish()
        #expect(output.text == "\r\u{1B}[2Krefit 1/3  elapsed \r\u{1B}[2Krefit 2/3\n")
    }

    @Test func elsewhereEveryUpdateIsAPlainLine() {
        let output = Captured()
        let display = ProgressDisplay(isTerminal: false) { output.append($0) }
        display.update("refit 1/2  elapsed 5s  ETA 5s")
        display.update("refit 2/2  elapsed 9s  ETA 0s")
        display.finish()
        #expect(output.text == "refit 1/2  elapsed 5s  ETA 5s\nrefit 2/2  elapsed 9s  ETA 0s\n")
    }
}

/// Text a test's display wrote.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    func append(_ text: String) { lock.withLock { parts.append(text) } }
    var text: String { lock.withLock { parts.joined() } }
    var lines: [String] { lock.withLock { parts } }
}
