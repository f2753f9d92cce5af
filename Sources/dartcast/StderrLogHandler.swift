import DartRuns
import Foundation
import Logging

/// Writes log lines to standard error as text or one JSON object per line.
struct StderrLogHandler: LogHandler {
    let label: String
    let format: LogFormat
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String, format: LogFormat) {
        self.label = label
        self.format = format
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let timestamp = Date().formatted(.iso8601)
        let render = format == .text ? LogMetadataText.textLine : LogMetadataText.jsonLine
        let line = render(timestamp, event.level, label, event.message.description, merged)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Writes one line to standard error: warnings and errors a command reports beside its output.
func printToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
