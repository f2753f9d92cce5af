/// `dartcast config show`: the effective settings as JSON with every secret redacted.
extension LoadedSettings {
    /// Pretty JSON of the settings; each secret appears as `"***"` when its variable is set and
    /// null when not, beside the `*_env` key naming the variable.
    public var redactedJSON: String { JSONWriter.prettyPrinted(settings.jsonNode(secrets: secrets)) }
}
