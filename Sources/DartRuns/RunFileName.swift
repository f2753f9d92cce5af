/// The name of a file saved from a run (`runs download`): one plain path component, so a
/// hostile or broken server cannot make the client write outside the folder it was given.
public enum RunFileName {
    /// Throws unless `name` is a single, non-empty path component without `..`, separators or NUL.
    /// - Parameter what: how the error names the value (`file name`, `run id`).
    public static func validate(_ name: String, what: String) throws {
        let unsafe = name.isEmpty || name == "." || name.contains("..") || name.contains("/") || name.contains("\\")
            || name.contains("\0")
        if unsafe {
            throw RunStoreError(.storage, "refusing \(what) '\(name)': it must be one plain file name without '/', '\\' or '..'; nothing was written")
        }
    }
}
