import DartCore
import Foundation

/// Parses one file on its own thread, streaming key-ordered records to `stream` as it goes,
/// and hands the whole parsed file back through `wait()`.
final class BackgroundParse: @unchecked Sendable {  // `result` is written once, before `done` is signalled
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<ParsedFile, IngestError>?
    private var waited = false
    /// Time the parse took on its thread.
    private(set) var duration: Duration = .zero

    private init() {}

    /// Starts parsing `url` on a new thread.
    static func start(url: URL, options: IngestOptions, zone: MarketTimeZone, stream: RecordStream) -> BackgroundParse {
        let job = BackgroundParse()
        let thread = Thread {
            let clock = ContinuousClock()
            let started = clock.now
            let parsed = Result { () throws(IngestError) -> ParsedFile in
                try ParsedFile.read(url: url, options: options, zone: zone, stream: stream)
            }
            job.duration = clock.now - started
            job.result = parsed
            stream.close()
            job.done.signal()
        }
        thread.name = "dartcast-parse"
        thread.start()
        return job
    }

    /// Waits for the parse to finish (at most once blocks) and returns its outcome.
    func wait() -> Result<ParsedFile, IngestError> {
        if !waited {
            done.wait()
            waited = true
        }
        return result!
    }
}
