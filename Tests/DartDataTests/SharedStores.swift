import DartData
import DartTesting

/// Stores filled once and only read by tests (ingesting in debug builds takes seconds).
enum SharedStores {
    /// The bundled 15-point DART file.
    static let dart: MarketStore = {
        let store = try! makeStore()
        _ = try! store.ingest(file: SamplePaths.dartHourly15)
        return store
    }()

    /// The tidy 15-minute RT file only.
    static let rt15: MarketStore = {
        let store = try! makeStore()
        _ = try! store.ingest(file: SamplePaths.rtm15Minute4Hubs)
        return store
    }()
}
