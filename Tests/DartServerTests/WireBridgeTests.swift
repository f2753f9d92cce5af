import DartAPI
import DartCore
import DartRuns
import DartPipeline
@testable import DartServer
import Foundation
import Testing

/// The app's views and openapi.yaml's schemas must hold the same fields: a field the spec lacks
/// would be dropped silently on the way out, so every optional one is set here.
@Suite struct WireBridgeTests {
    func roundTrip<View: Codable & Equatable, Wire: Codable>(_ json: String, _ view: View.Type, through wire: Wire.Type) throws {
        let original = try JSONDecoder().decode(View.self, from: Data(json.utf8))
        let back: View = try WireBridge.convert(try WireBridge.convert(original, to: Wire.self))
        #expect(back == original)
    }

    static let slot = #"{"time_utc": "2025-11-02T06:05:00Z", "local_time": "2025-11-02 01:05 CDT", "utc_offset": "-05:00"}"#

    @Test func schedulesKeepEveryField() throws {
        try roundTrip(#"""
            {"timezone": "America/Chicago", "schedules": [{"job": "j", "enabled": true, "configured_enabled": true,
             "operator_enabled": false, "expression": "hourly at :05", "timezone": "America/Chicago", "product": "hourly",
             "retrain": false, "overlap": "skip", "catch_up": "latest", "running": true,
             "next_slots": [\#(Self.slot)], "last_slot": \#(Self.slot)}]}
            """#, ScheduleListView.self, through: Components.Schemas.ScheduleList.self)
        try roundTrip(#"{"job": "j", "operator_enabled": true, "configured_enabled": false}"#, ScheduleSwitchView.self,
                      through: Components.Schemas.ScheduleSwitch.self)
        try roundTrip(#"{"job": "j", "retrain": true, "status": "accepted", "accepted_at": "2025-03-01T11:05:00Z", "runs_link": "/api/runs?job=j"}"#,
                      TriggerView.self, through: Components.Schemas.Trigger.self)
    }

    @Test func runRecordsConvertToTheViewAndBackUnchanged() throws {
        var record = RunRecord(runID: "r-1", job: "j", slotUTC: 1_740_827_100, attempt: 2, product: "hourly", params: ["retrain": "true"],
                               status: .degraded, startedAtUTC: 1_740_827_110,
                               steps: [StepRecord(name: "predict", status: .succeeded, startedAtUTC: 1_740_827_111, finishedAtUTC: 1_740_827_112,
                                                  durationSeconds: 1.5, detail: ["rows": "360"])])
        record.finishedAtUTC = 1_740_827_170
        record.modelVersions = ["lightgbm": "v1"]
        record.rowCounts = ["predictions": 360]
        record.logPath = "/l/run.log"
        record.error = "x"
        record.inputs = RunInputs(series: [SeriesFreshness(series: .rtHourly, asOfUTC: 1_740_827_100, newestUTC: 1_740_819_600,
                                                           newestPostedUTC: nil, dueUTC: 1_740_827_700, lagSeconds: 5, limitSeconds: 10_800,
                                                           state: .stale, degrades: true)],
                                  missingFeatures: ["load"], degradedBecause: ["stale"])
        let view = RunView(record)
        #expect(view.slotUTC == "2025-03-01T11:05:00Z" && view.finishedAtUTC == "2025-03-01T11:06:10Z")
        #expect(try view.record() == record)
    }

    @Test func runsKeepEveryField() throws {
        try roundTrip(#"""
            {"runs": [{"run_id": "r-1", "job": "j", "slot_utc": "2025-03-01T11:05:00Z", "attempt": 2, "product": "hourly", "params": {"retrain": "true"},
              "status": "failed", "started_at_utc": "2025-03-01T11:05:10Z", "finished_at_utc": "2025-03-01T11:06:10Z", "duration_seconds": 60,
              "steps": [{"name": "predict", "status": "failed", "started_at_utc": "2025-03-01T11:05:11Z", "finished_at_utc": "2025-03-01T11:05:12Z",
                         "duration_seconds": 1.5, "error": "boom", "detail": {"rows": "360"}}],
              "model_versions": {"lightgbm": "v1"}, "row_counts": {"predictions": 360}, "log_path": "/l/run.log", "error": "predict: boom",
              "inputs": {"series": [{"series": "rt_hourly", "as_of_utc": "2025-03-01T11:05:00Z", "newest_utc": "2025-03-01T09:00:00Z",
                                     "newest_posted_utc": "2025-03-01T10:15:00Z", "due_utc": "2025-03-01T11:15:00Z", "lag_seconds": 0,
                                     "limit_seconds": 10800, "state": "fresh", "degrades": true}],
                         "missing_feature_groups": ["load features missing"], "degraded_because": ["rt_hourly: stale"]}}],
             "limit": 1, "offset": 0, "total": 2, "next_offset": 1, "next": "/api/runs?limit=1&offset=1"}
            """#, RunListView.self, through: Components.Schemas.RunList.self)
        try roundTrip(#"{"run_id": "r-1", "files": [{"name": "run.json", "bytes": 10, "source": "run store"}]}"#,
                      RunFilesView.self, through: Components.Schemas.RunFiles.self)
    }

    @Test func modelsAndPredictionsKeepEveryField() throws {
        try roundTrip(#"""
            {"models": [{"model_version": "m1", "model_family": "lightgbm", "product": "hourly", "created_at": "2025-03-01T00:00:00Z",
              "training_from_utc": "2024-01-01T06:00:00Z", "training_to_utc": "2025-02-28T06:00:00Z", "aliases": ["champion"],
              "validation_mae": 3.5, "zero_validation_mae": 4.25}]}
            """#, ModelListView.self, through: Components.Schemas.ModelList.self)
        try roundTrip(#"""
            {"product": "hourly", "from_utc": "2025-03-01T06:00:00Z", "to_utc": "2025-03-02T06:00:00Z", "row_count": 1, "truncated": true,
             "next_cursor": "MXx8MTc0MDgwODgwMHxIQl9OT1JUSHxsaWdodGdibQ", "next": "/api/predictions?product=hourly&from=2025-03-01&limit=1&cursor=MXx8MTc0MDgwODgwMHxIQl9OT1JUSHxsaWdodGdibQ",
             "rows": [{"issue_time_utc": "2025-03-01T05:05:00Z", "target_hour_utc": "2025-03-01T06:00:00Z", "operating_day": "2025-03-01",
                       "hour_ending": 1, "dst_flag": "N", "settlement_point": "HB_NORTH", "product": "hourly", "model_family": "lightgbm",
                       "model_version": "v1", "prediction": 1.5, "p10": -2.0, "p50": 1.0, "p90": 4.5, "missing_features": 2, "run_id": "r-1"}]}
            """#, PredictionListView.self, through: Components.Schemas.PredictionList.self)
    }
}
