import DartAPI
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

    static let slot = #"{"utc": "2025-11-02T06:05:00Z", "local": "2025-11-02 01:05 CDT", "utcOffset": "-05:00"}"#

    @Test func schedulesKeepEveryField() throws {
        try roundTrip(#"""
            {"timezone": "America/Chicago", "schedules": [{"job": "j", "enabled": true, "configuredEnabled": true,
             "operatorEnabled": false, "expression": "hourly at :05", "timezone": "America/Chicago", "product": "hourly",
             "retrain": false, "overlap": "skip", "catchUp": "latest", "running": true,
             "nextSlots": [\#(Self.slot)], "lastSlot": \#(Self.slot)}]}
            """#, ScheduleListView.self, through: Components.Schemas.ScheduleList.self)
        try roundTrip(#"{"job": "j", "operatorEnabled": true, "configuredEnabled": false}"#, ScheduleSwitchView.self,
                      through: Components.Schemas.ScheduleSwitch.self)
        try roundTrip(#"{"job": "j", "retrain": true, "status": "accepted", "acceptedAt": "2025-03-01T11:05:00Z", "runsLink": "/api/runs?job=j"}"#,
                      TriggerView.self, through: Components.Schemas.Trigger.self)
    }

    @Test func runsKeepEveryField() throws {
        try roundTrip(#"""
            {"runs": [{"runID": "r-1", "job": "j", "slotUTC": 1740827100, "attempt": 2, "product": "hourly", "params": {"retrain": "true"},
              "status": "failed", "startedAtUTC": 1740827110, "finishedAtUTC": 1740827170,
              "steps": [{"name": "predict", "status": "failed", "startedAtUTC": 1740827111, "finishedAtUTC": 1740827112,
                         "durationSeconds": 1.5, "error": "boom", "detail": {"rows": "360"}}],
              "modelVersions": {"lightgbm": "v1"}, "rowCounts": {"predictions": 360}, "logPath": "/l/run.log", "error": "predict: boom"}],
             "limit": 1, "offset": 0, "total": 2, "nextOffset": 1, "next": "/api/runs?limit=1&offset=1"}
            """#, RunListView.self, through: Components.Schemas.RunList.self)
        try roundTrip(#"{"runID": "r-1", "files": [{"name": "run.json", "bytes": 10, "source": "run store"}]}"#,
                      RunFilesView.self, through: Components.Schemas.RunFiles.self)
    }

    @Test func modelsAndPredictionsKeepEveryField() throws {
        try roundTrip(#"""
            {"models": [{"id": "m1", "family": "lightgbm", "product": "hourly", "createdAt": "2025-03-01T00:00:00Z",
              "trainingFrom": "2024-01-01T06:00:00Z", "trainingTo": "2025-02-28T06:00:00Z", "aliases": ["champion"],
              "validationMAE": 3.5, "zeroValidationMAE": 4.25}]}
            """#, ModelListView.self, through: Components.Schemas.ModelList.self)
        try roundTrip(#"""
            {"product": "hourly", "from": "2025-03-01T06:00:00Z", "to": "2025-03-02T06:00:00Z", "rowCount": 1, "truncated": false,
             "rows": [{"issueTime": "2025-03-01T05:05:00Z", "targetHour": "2025-03-01T06:00:00Z", "operatingDay": "2025-03-01",
                       "hourEnding": 1, "dstFlag": "N", "settlementPoint": "HB_NORTH", "modelFamily": "lightgbm", "modelVersion": "v1",
                       "prediction": 1.5, "p10": -2.0, "p50": 1.0, "p90": 4.5, "runID": "r-1"}]}
            """#, PredictionListView.self, through: Components.Schemas.PredictionList.self)
    }
}
