import DartCore
import DartWorkspace
import DartConfig
import Foundation

/// Where monitoring reads published forecasts: the runs' local outbox copies (every run writes
/// them, whatever its targets) merged with the SQLite prediction table when one exists at
/// `sql.sqlite_path` (backend `sqlite`; forecasts published by `dartcast demo` or `publish` live
/// only there). The same forecast in both counts once.
public enum ForecastHistorySource {
    public static func history(for workspace: Workspace) throws -> any ForecastHistory {
        let settings = workspace.settings
        var sources: [any ForecastHistory] = []
        do {
            sources.append(OutboxForecastHistory(runStore: try workspace.runStore(), dataDirectory: workspace.dataDirectory))
        } catch {
            throw MonitoringError(.forecastHistory, "cannot open the run store in \(workspace.dataDirectory.path): \(error)")
        }
        if settings.sql.backend == .sqlite {
            let url = workspace.dataDirectory.resolvingSettingPath(settings.sql.sqlitePath)
            if FileManager.default.fileExists(atPath: url.path) {
                sources.append(try SQLiteForecastHistory(path: url, table: settings.sql.table))
            }
        }
        return sources.count == 1 ? sources[0] : MergedForecastHistory(sources: sources)
    }
}

/// Several histories read as one; a forecast (natural key) present in more than one counts once.
public struct MergedForecastHistory: ForecastHistory {
    public let sources: [any ForecastHistory]

    public init(sources: [any ForecastHistory]) { self.sources = sources }

    public var displayName: String { sources.map(\.displayName).joined(separator: " + ") }

    public func forecasts(targetFromUTC: Int64, targetToUTC: Int64, issuedByUTC: Int64) throws -> [PublishedForecast] {
        var byKey: [String: PublishedForecast] = [:]
        for source in sources {
            for forecast in try source.forecasts(targetFromUTC: targetFromUTC, targetToUTC: targetToUTC, issuedByUTC: issuedByUTC) {
                byKey[forecast.key] = byKey[forecast.key] ?? forecast
            }
        }
        return PublishedForecast.inKeyOrder(byKey.values)
    }

    public func latestIssues(issuedByUTC: Int64) throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for source in sources {
            for (product, issue) in try source.latestIssues(issuedByUTC: issuedByUTC) { result[product] = max(result[product] ?? .min, issue) }
        }
        return result
    }
}
