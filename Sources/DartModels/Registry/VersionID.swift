import Crypto
import DartCore

/// Version ids: `<family>-<product>-<yyyymmddThhmmssZ>-<8 hex>`, readable and sortable by time
/// within a model, with a content digest so two different registrations in the same second differ.
enum VersionID {
    static func make(for registration: ModelRegistration, artifactDigests: [(name: String, sha256: String)],
                     createdAtUTC: Int64) -> String {
        var hasher = SHA256()
        var fields = [registration.family.rawValue, registration.product,
                      String(registration.trainingFromUTC), String(registration.trainingToUTC),
                      registration.rowDigest, registration.hyperparametersJSON, String(registration.seed),
                      registration.gitSHA]
        fields += registration.featureNames
        fields += artifactDigests.sorted { $0.name < $1.name }.flatMap { [$0.name, $0.sha256] }
        for field in fields { hasher.update(data: Array((field + "\u{1F}").utf8)) }
        let digest = String(hasher.finalize().hexString.prefix(8))
        return "\(registration.family.rawValue)-\(registration.product)-\(compactTimestamp(createdAtUTC))-\(digest)"
    }

    /// `20250102T030405Z`.
    static func compactTimestamp(_ utc: Int64) -> String {
        UTCFormat.iso8601(utc).filter { $0 != "-" && $0 != ":" }
    }
}
