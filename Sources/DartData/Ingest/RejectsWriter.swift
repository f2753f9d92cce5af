import Foundation

/// Appends rejected rows to a CSV: file, line, column, value, reason, original line.
enum RejectsWriter {
    static let header = "file,line,column,value,reason,original_line\n"

    static func append(_ rejects: [RejectedRow], file: String, to path: String) throws(IngestError) {
        var text = ""
        for reject in rejects {
            text += [file, String(reject.line), reject.column, reject.value, reject.reason, reject.original]
                .map(quoted).joined(separator: ",") + "\n"
        }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: path) {
                let handle = try FileHandle(forWritingTo: url)
                defer { try? handle.close() }
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(text.utf8))
            } else {
                try Data((header + text).utf8).write(to: url)
            }
        } catch {
            throw IngestError(.rejectsNotWritable, file: file, value: path,
                problem: "cannot write the rejects file (\(error.localizedDescription)); the good rows were stored",
                fix: "choose a writable --rejects path")
        }
    }

    /// CSV quoting: always quote, double embedded quotes.
    static func quoted(_ field: String) -> String {
        "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
