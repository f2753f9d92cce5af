import Foundation

/// Where a backtest is: refits done, elapsed time, and an ETA from the mean time per completed
/// refit (refits are of similar size, so the mean is a fair guess; the first refit's ETA is rough).
public struct BacktestProgress: Sendable, Hashable {
    public var completed: Int
    public var total: Int
    public var elapsedSeconds: Double

    /// Seconds left, nil before the first refit completes.
    public var etaSeconds: Double? {
        guard completed > 0 else { return nil }
        return elapsedSeconds / Double(completed) * Double(max(total - completed, 0))
    }

    /// `refit 2/6  elapsed 1m05s  ETA 3m10s  <detail>`: the essentials first, so a narrow
    /// terminal that cuts the line keeps them.
    public func line(detail: String = "") -> String {
        let head = "refit \(completed)/\(total)  elapsed \(Self.duration(elapsedSeconds))  ETA \(etaSeconds.map(Self.duration) ?? "?")"
        return detail.isEmpty ? head : head + "  " + detail
    }

    /// `45s`, `2m05s`, `1h02m`.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(max(seconds, 0).rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return String(format: "%dm%02ds", total / 60, total % 60) }
        return String(format: "%dh%02dm", total / 3600, total % 3600 / 60)
    }
}

/// Shows progress lines: on a terminal, one line rewritten in place (carriage return, then
/// clear to end of line), cut to the terminal width so it never wraps; otherwise (a log file or
/// pipe) one plain line per update, which a log keeps readable.
public final class ProgressDisplay: @unchecked Sendable {
    private let isTerminal: Bool
    private let width: Int
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var pending = false

    /// - Parameters:
    ///   - width: columns available on a terminal; the line is cut to `width − 1`.
    ///   - write: receives the exact text to print (tests capture it).
    public init(isTerminal: Bool, width: Int = 80, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.width = max(width, 10)
        self.write = write
    }

    /// Standard error; a terminal when `isatty(2)`, width from `$COLUMNS` (80 when unset).
    public static func standardError() -> ProgressDisplay {
        let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80
        return ProgressDisplay(isTerminal: isatty(STDERR_FILENO) == 1, width: columns) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    public func update(_ line: String) {
        lock.withLock {
            if isTerminal {
                write("\r\u{1B}[2K" + String(line.prefix(width - 1)))
                pending = true
            } else {
                write(line + "\n")
            }
        }
    }

    /// Ends the in-place line (a newline on a terminal) so later output starts on its own line.
    public func finish() {
        lock.withLock {
            if pending { write("\n") }
            pending = false
        }
    }
}
