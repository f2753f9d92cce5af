/// Collects every error and warning of one settings read, so `config validate` can list them
/// all, and translates paths of moved legacy keys back to what the user wrote.
final class ReadContext {
    let file: String
    private(set) var errors: [ConfigError] = []
    private(set) var warnings: [ConfigWarning] = []
    /// Path in the migrated tree → path as written, for values moved from legacy keys.
    var writtenPaths: [String: String] = [:]

    init(file: String) {
        self.file = file
    }

    /// Warnings in file order (the walk visits moved legacy values late); file-wide ones last.
    var sortedWarnings: [ConfigWarning] {
        warnings.enumerated().sorted { ($0.element.line ?? .max, $0.offset) < ($1.element.line ?? .max, $1.offset) }.map(\.element)
    }

    /// The path as the user wrote it: the longest moved prefix is swapped back.
    func writtenPath(_ path: String) -> String {
        var prefix = path
        while true {
            if let written = writtenPaths[prefix] { return written + path.dropFirst(prefix.count) }
            // Step back one component: `a.b[2]` → `a.b` → `a`.
            guard let cut = prefix.lastIndex(where: { $0 == "." || $0 == "[" }) else { return path }
            prefix = String(prefix[..<cut])
        }
    }

    func error(_ code: ConfigError.Code, _ path: String, at node: JSONNode?, value: String? = nil, _ message: String) {
        errors.append(ConfigError(code, file: file, path: writtenPath(path), line: node?.line, column: node?.column,
                                  value: value, message: message))
    }

    func warn(_ code: ConfigWarning.Code, _ path: String, at node: JSONNode?, _ message: String) {
        warnings.append(ConfigWarning(code, file: file, path: writtenPath(path), line: node?.line, message: message))
    }

    /// Adds problems found outside the JSON walk (the .env file).
    func record(_ error: ConfigError) { errors.append(error) }
}

func joinPath(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : parent + "." + key }
