import Foundation

/// Paths of the bundled real sample (`data/sample/`), found from this source file so tests
/// work from any working directory.
public enum SamplePaths {
    /// The repository root.
    public static let repositoryRoot: URL = {
        URL(fileURLWithPath: #filePath)  // Sources/DartTesting/SamplePaths.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    public static let sampleDirectory = repositoryRoot.appendingPathComponent("data/sample")

    /// 15 points, DAM + RT + DART, 159,737 rows.
    public static let dartHourly15 = sampleDirectory.appendingPathComponent("dart_hourly_15sp_2024-01_2025-03.csv.gz")
    public static let rtm15Minute4Hubs = sampleDirectory.appendingPathComponent("rtm_spp_15min_4hubs_2024-06_2025-02.csv.gz")
    public static let damHourly5Hubs = sampleDirectory.appendingPathComponent("dam_spp_hourly_5hubs_2024-01_2025-02.csv.gz")
    public static let windSolarForecasts2024 = sampleDirectory.appendingPathComponent("wind_solar_forecasts_hourly_2024.csv.gz")
    public static let loadActual = sampleDirectory.appendingPathComponent("load_actual_hourly_by_weatherzone_2023-11_2025-02.csv.gz")
    public static let nativeDAMHouston = sampleDirectory.appendingPathComponent("native/np4-190-cd_api_dam_spp_HB_HOUSTON_2024-01_2025-02.csv.gz")
    public static let nativeRTM: [URL] = ["2024-12", "2025-01", "2025-02"].map {
        sampleDirectory.appendingPathComponent("native/np6-905-cd_rtm_spp_4hubs_\($0).csv.gz")
    }

    /// A fresh empty temporary directory.
    public static func temporaryDirectory(_ label: String = "dartcast-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
