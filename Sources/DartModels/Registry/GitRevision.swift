import Foundation

/// The git commit a model was trained from, recorded with each version.
public enum GitRevision {
    /// `DARTCAST_GIT_SHA` from `environment` when set, else `git rev-parse HEAD` run in
    /// `repositoryDirectory`, else `"unknown"` (e.g. a container without git).
    public static func resolve(environment: [String: String], repositoryDirectory: URL) -> String {
        if let sha = environment["DARTCAST_GIT_SHA"]?.trimmingCharacters(in: .whitespacesAndNewlines), !sha.isEmpty {
            return sha
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "rev-parse", "HEAD"]
        process.currentDirectoryURL = repositoryDirectory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let sha = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return process.terminationStatus == 0 && !sha.isEmpty ? sha : "unknown"
        } catch {
            return "unknown"
        }
    }
}
