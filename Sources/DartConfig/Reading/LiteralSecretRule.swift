import Foundation

/// The rule for keys that would hold a secret in plain text (legacy `teams_webhook_url`,
/// `smtp_password`, a `dsn`): a non-empty value is an error that names the environment
/// variable to use instead; an empty one is only a warning. The value is never echoed.
enum LiteralSecretRule {
    static func check(_ node: JSONNode, path: String, envKey: String, envVar: String, context: ReadContext) {
        let isEmpty: Bool
        switch node.value {
        case .null: isEmpty = true
        case .string(let text): isEmpty = text.trimmingCharacters(in: .whitespaces).isEmpty
        default: isEmpty = false
        }
        if isEmpty {
            context.warn(.legacyKeyIgnored, path, at: node,
                "secrets are not read from settings.json; remove this key and set the environment variable \(envVar) (named by \(envKey)) or put it in .env")
        } else {
            context.error(.literalSecret, path, at: node,
                "settings.json must not contain secrets (the value is not shown). Remove this key, then set the environment variable \(envVar) or put \(envVar)=… in .env; \(envKey) names the variable")
        }
    }
}
