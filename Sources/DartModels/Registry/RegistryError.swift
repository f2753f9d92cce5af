/// Why a registry operation failed. Nothing was changed when one is thrown: every operation is
/// one transaction, and artifact folders appear only when their version row commits.
public struct RegistryError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The registration is incomplete or malformed (see the message for the field).
        case invalidRegistration
        /// A version with this id is already registered; versions are immutable.
        case versionExists
        case versionNotFound
        /// No registry exists at the given directory (read-only commands never create one).
        case registryNotFound
        case artifactMissing
        /// An artifact's sha256 differs from the one recorded at registration: it was changed.
        case artifactDigestMismatch
        /// A version's artifact folder exists without a registered version (left by a crash).
        case artifactFolderExists
        /// The version already holds the alias.
        case aliasUnchanged
        /// The alias has no earlier version to go back to.
        case nothingToRollBack
        /// SQLite or the file system failed.
        case storage
    }

    public let code: Code
    public let message: String
    public var version: String?
    /// The file at fault (artifact or database).
    public var file: String?
    public var expectedDigest: String?
    public var actualDigest: String?

    public init(_ code: Code, _ message: String, version: String? = nil, file: String? = nil,
                expectedDigest: String? = nil, actualDigest: String? = nil) {
        self.code = code
        self.message = message
        self.version = version
        self.file = file
        self.expectedDigest = expectedDigest
        self.actualDigest = actualDigest
    }

    public var description: String { "registry: \(message)" }
}
