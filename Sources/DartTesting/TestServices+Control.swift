import Foundation

extension TestServices.Postgres {
    /// Runs `pg_ctl <verb>` (`stop -m fast`, `start -w`) as the postgres user, for fault tests.
    /// Not through `TestServices.shell`: Foundation's `Process` leaks open pipe descriptors into
    /// children, a started postmaster keeps them, and a read to EOF then blocks until the server
    /// stops. Python's `subprocess` closes inherited descriptors before running `su`.
    @discardableResult
    public func control(_ verb: String) throws -> (status: Int32, output: String) {
        try TestServices.runAsPostgresUser("\(controlCommand) \(verb)")
    }

    /// The directory of `pg_ctl`, `initdb` and the other server programs.
    public var binDirectory: String {
        String(controlCommand.split(separator: " ").first ?? "").components(separatedBy: "/").dropLast().joined(separator: "/")
    }
}

extension TestServices {
    /// Runs a shell command as the postgres user, with no inherited descriptors (see `Postgres.control`).
    @discardableResult
    public static func runAsPostgresUser(_ command: String) throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("pg_ctl-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import subprocess, sys; sys.exit(subprocess.call(['su', 'postgres', '-s', '/bin/sh', '-c', sys.argv[1]], "
                + "stdin=subprocess.DEVNULL, stdout=open(sys.argv[2], 'w'), stderr=subprocess.STDOUT))",
            command, log.path,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}
