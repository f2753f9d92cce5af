import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process as another process can recognise it later: PID, its start time in clock ticks
/// since boot (`/proc/<pid>/stat` field 22, so a reused PID is told apart) and the machine
/// (host name and boot id, so a PID from another host, container or boot is never looked up here).
public struct ProcessIdentity: Codable, Hashable, Sendable {
    public var pid: Int32
    /// Clock ticks after boot when the process started; 0 when `/proc` could not be read.
    public var startTicks: UInt64
    public var host: String
    /// `/proc/sys/kernel/random/boot_id`; empty when unknown.
    public var bootID: String

    public init(pid: Int32, startTicks: UInt64, host: String, bootID: String) {
        self.pid = pid
        self.startTicks = startTicks
        self.host = host
        self.bootID = bootID
    }

    /// This process.
    public static let current: ProcessIdentity = {
        let pid = getpid()
        return ProcessIdentity(pid: pid, startTicks: startTicks(of: pid) ?? 0, host: ProcessInfo.processInfo.hostName,
                               bootID: machineBootID)
    }()

    static let machineBootID: String = {
        let text = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? ""
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    /// Whether the identity names a process of this machine and boot, so its PID can be looked up here.
    public var isOnThisMachine: Bool {
        host == Self.current.host && bootID == Self.current.bootID && !bootID.isEmpty
    }

    /// true: the process is running; false: it has ended (its PID is free or reused by a later
    /// process); nil: it cannot be judged from here (another host, container or boot).
    public var isAlive: Bool? {
        guard isOnThisMachine, startTicks != 0 else { return nil }
        guard let ticks = Self.startTicks(of: pid) else { return false }
        return ticks == startTicks
    }

    /// Field 22 (`starttime`) of `/proc/<pid>/stat`, nil when there is no such process.
    public static func startTicks(of pid: Int32) -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // After "pid (comm)" come fields 3, 4, …: field 22 is the 20th of them.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }

    /// `pid 1234 on host`.
    public var description: String { "pid \(pid) on \(host)" }
}
