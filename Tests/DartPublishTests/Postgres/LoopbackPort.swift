import DartTesting
import Foundation

/// A loopback port nothing listens on (bound then released), for "server is down" tests.
enum LoopbackPort {
    static func closed() throws -> Int {
        let result = try TestServices.shell("python3 -c 'import socket; s=socket.socket(); s.bind((\"127.0.0.1\",0)); print(s.getsockname()[1]); s.close()'")
        return Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines))!
    }
}
