import DartConfig
import DartPipeline
import Foundation

/// Chooses where monitoring reads published forecasts: the SQLite prediction table when the
/// SQL sink writes one (`sql.enabled`, `output.write_sql`, backend `sqlite`), otherwise the
/// runs' local outbox copies, which exist whatever the publish targets.
public enum ForecastHistorySource {
    public static func history(for workspace: Workspace) throws -> any ForecastHistory {
        let settings = workspace.settings
        if settings.sql.enabled, settings.output.writeSQL, settings.sql.backend == .sqlite {
            let path = settings.sql.sqlitePath
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : workspace.dataDirectory.appendingPathComponent(path)
            return try SQLiteForecastHistory(path: url, table: settings.sql.table)
        }
        do {
            return OutboxForecastHistory(runStore: try workspace.runStore(), dataDirectory: workspace.dataDirectory)
        } catch {
            throw MonitoringError(.forecastHistory, "cannot open the run store in \(workspace.dataDirectory.path): \(error)")
        }
    }
}
