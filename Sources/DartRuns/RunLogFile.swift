import DartCore
import Foundation
import Logging

/// `<data-dir>/runs/<run_id>/run.log`: one JSON object per line (`ts`, `level`, `label`,
/// `message`, `metadata`). Shared by every handler of one run; writes are serialized.
public final class RunLogFile: @unchecked Sendable {
    public let url: URL
    private let handle: FileHandle
    private let lock = NSLock()
    private let now: @Sendable () -> Date

    public init(url: URL, now: @escaping @Sendable () -> Date) throws {
        self.url = url
        self.now = now
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw RunStoreError(.storage, "cannot create the run log \(url.path); check that the data directory is writable")
            }
        }
        handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
    }

    deinit { try? handle.close() }

    func write(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) {
        var object: [String: Any] = [
            "ts": UTCFormat.iso8601(Int64(now().timeIntervalSince1970)), "level": level.rawValue, "label": label, "message": message,
        ]
        let fields = LogMetadataText.fields(metadata)
        if !fields.isEmpty { object["metadata"] = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }) }
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        line.append(UInt8(ascii: "\n"))
        lock.withLock { handle.write(line) }
    }

    /// A logger that writes to this file and to `upstream`'s handler, with the run's metadata on
    /// every line. The file gets `info` and above even when the console shows only warnings.
    public func teeLogger(upstream: Logger, metadata: Logger.Metadata) -> Logger {
        let file = RunLogFileHandler(file: self, label: upstream.label, logLevel: min(upstream.logLevel, .info))
        // Each handler keeps its own level (setting the logger's level would set both).
        var logger = Logger(label: upstream.label) { _ in MultiplexLogHandler([upstream.handler, file]) }
        for (key, value) in metadata { logger[metadataKey: key] = value }
        return logger
    }
}

/// The LogHandler side of `RunLogFile`.
struct RunLogFileHandler: LogHandler {
    let file: RunLogFile
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata.merging(event.metadata ?? [:]) { $1 }
        if let error = event.error { merged["error"] = "\(error)" }
        file.write(level: event.level, label: label, message: event.message.description, metadata: merged)
    }
}
