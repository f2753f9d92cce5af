import DartTesting
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// `scripts/testing/http_receiver.py` run by a test: a loopback HTTP server on a free port.
/// It exits when this object's stdin pipe closes, so a crashed test leaves no server behind.
/// Nothing here blocks a Swift concurrency thread: tests run in parallel on a small pool.
final class HTTPReceiverProcess: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let inputPipe: Pipe

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(process: Process, inputPipe: Pipe, port: Int) {
        self.process = process
        self.inputPipe = inputPipe
        self.port = port
    }

    static func start(_ arguments: [String]) async throws -> HTTPReceiverProcess {
        let script = SamplePaths.repositoryRoot.appendingPathComponent("scripts/testing/http_receiver.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let inputPipe = Pipe()
        let outputPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        let firstLine = FirstLine()
        let text: String = try await withCheckedThrowingContinuation { continuation in
            firstLine.continuation = continuation
            outputPipe.fileHandleForReading.readabilityHandler = { handle in firstLine.append(handle.availableData) }
            do {
                try process.run()
            } catch {
                firstLine.finish(.failure(error))
            }
        }
        outputPipe.fileHandleForReading.readabilityHandler = nil
        guard text.hasPrefix("LISTENING "), let port = Int(text.dropFirst(10).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw ReceiverError(message: "http_receiver.py did not start: \(text)")
        }
        return HTTPReceiverProcess(process: process, inputPipe: inputPipe, port: port)
    }

    /// Collects output until the first newline (or end of output), then resumes the waiter once.
    private final class FirstLine: @unchecked Sendable {
        let lock = NSLock()
        var buffer = Data()
        var continuation: CheckedContinuation<String, any Error>?

        func append(_ chunk: Data) {
            lock.lock()
            buffer += chunk
            let done = chunk.isEmpty || buffer.contains(UInt8(ascii: "\n"))
            let text = String(decoding: buffer, as: UTF8.self)
            lock.unlock()
            if done { finish(.success(text)) }
        }

        func finish(_ result: Result<String, any Error>) {
            lock.lock()
            let waiter = continuation
            continuation = nil
            lock.unlock()
            waiter?.resume(with: result)
        }
    }

    /// Stops this receiver (our own child, by its pid); closing stdin alone would also end it.
    func stop() {
        try? inputPipe.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
    }

    deinit { stop() }

    struct ReceiverError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// A port with nothing listening: bound, read, closed.
    /// A port that refuses connections. The socket stays bound (never listening) for the life of
    /// the test process, so no receiver started by a parallel test can take the port meanwhile.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else {
            close(fd)
            throw ReceiverError(message: "could not find a free port")
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Keeps every log line, to check what a component logs.
final class CapturedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var all: [String] { lock.withLock { lines } }

    func logger(_ label: String = "test") -> Logger {
        var logger = Logger(label: label) { _ in Handler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ line: String) { lock.withLock { lines.append(line) } }

    private struct Handler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
                 function: String, line: UInt) {
            let merged = self.metadata.merging(metadata ?? [:]) { $1 }
            sink.append("\(level) \(message) \(merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        }
    }
}
