import Foundation

extension URL {
    /// A path from the settings (`sql.sqlite_path`, `storage.market_store.sqlite_path`, a file
    /// object store's `path`): itself when absolute, else under this data directory.
    public func resolvingSettingPath(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : appendingPathComponent(path)
    }
}
