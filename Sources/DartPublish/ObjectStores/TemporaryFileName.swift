import Crypto
import DartRuns
import Foundation

/// Names of the temporary files `FileObjectStore.put` writes before its rename:
/// `.tmp-p<pid>-t<start ticks>-m<machine>-<uuid>`, so a later writer can tell a file left by a
/// killed process (its PID is gone or now names a process started at another time) from one a
/// concurrent writer is still writing. `<machine>` is a short digest of host name and boot id:
/// a file written on another host, container or boot is judged by age only.
public enum TemporaryFileName {
    static let prefix = ".tmp-"
    /// A file without a judgeable owner (another machine, or named by an older dartcast) is stale after this.
    public static let unownedStaleAfter: TimeInterval = 3600

    static func make(owner: ProcessIdentity = .current) -> String {
        "\(prefix)p\(owner.pid)-t\(owner.startTicks)-m\(machine(owner))-\(UUID().uuidString)"
    }

    static func isTemporary(_ name: String) -> Bool { name.hasPrefix(prefix) }

    /// The writer named by a temporary file, when it ran on this machine and boot.
    static func localOwner(of name: String) -> ProcessIdentity? {
        let fields = name.dropFirst(prefix.count).split(separator: "-", maxSplits: 3)
        guard fields.count == 4, fields[0].hasPrefix("p"), fields[1].hasPrefix("t"), fields[2].hasPrefix("m"),
              let pid = Int32(fields[0].dropFirst()), let ticks = UInt64(fields[1].dropFirst()),
              fields[2].dropFirst() == machine(.current) else { return nil }
        return ProcessIdentity(pid: pid, startTicks: ticks, host: ProcessIdentity.current.host, bootID: ProcessIdentity.current.bootID)
    }

    /// Whether a temporary file was left by a writer that is gone.
    static func isStale(_ name: String, modified: Date?, now: Date = Date()) -> Bool {
        if let owner = localOwner(of: name), let alive = owner.isAlive { return !alive }
        guard let modified else { return false }
        return now.timeIntervalSince(modified) > unownedStaleAfter
    }

    private static func machine(_ identity: ProcessIdentity) -> String {
        SHA256.hash(data: Data("\(identity.host)|\(identity.bootID)".utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
    }
}
