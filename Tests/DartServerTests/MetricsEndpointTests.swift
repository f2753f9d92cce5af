import DartPipeline
import DartPrometheus
@testable import DartServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct MetricsEndpointTests {
    @Test func metricsParseAsPrometheusTextWithTheNamedFamilies() async throws {
        let fixture = try ServerFixture()
        try fixture.seedRuns(job: "hourly_predict", count: 5)
        try fixture.seedRuns(job: "daily_retrain", count: 2, status: .failed)
        _ = try fixture.runStore.enqueue(runID: "hourly_predict-1740805500-1", job: "hourly_predict", slotUTC: 1_740_805_500,
                                         target: "objectstore", payloadPath: "/nowhere", nowUTC: 1_740_805_600)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response throws in
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let parsed = try PrometheusParser.parse(response.text)
                for family in ["dartcast_up", "dartcast_runs", "dartcast_step_duration_seconds", "dartcast_last_success_age_seconds",
                               "dartcast_last_success_prediction_rows", "dartcast_delivery_backlog", "dartcast_model_validation_mae"] {
                    #expect(parsed.types[family] != nil, "missing family \(family)")
                }
                #expect(parsed.value("dartcast_runs", ["job": "hourly_predict", "status": "succeeded"]) == 5)
                #expect(parsed.value("dartcast_runs", ["job": "daily_retrain", "status": "failed"]) == 2)
                #expect(parsed.value("dartcast_delivery_backlog", ["target": "objectstore"]) == 1)
                #expect(parsed.value("dartcast_step_duration_seconds_count", ["step": "predict"]) == 7)
                #expect(parsed.value("dartcast_last_success_prediction_rows", ["job": "hourly_predict", "product": "hourly"]) == 360)
                #expect(parsed.types["dartcast_step_duration_seconds"] == "summary")
            }
        }
    }

    @Test func contributorsAddFamiliesAndAFailingOneIsLeftOut() async throws {
        struct Failing: MetricsContributor {
            struct Broken: Error {}
            func contribute(to scrape: inout MetricsScrape) async throws {
                scrape.declare(GaugeFamily(name: "dartcast_half_written", help: "Never shown."))
                throw Broken()
            }
        }
        let fixture = try ServerFixture()
        let extra = ClosureMetricsContributor { scrape in
            scrape.set(GaugeFamily(name: "dartcast_rolling_mae", help: "Rolling MAE."), labels: [("product", "hourly")], to: 7.25)
        }
        let api = try APIServer(workspace: fixture.workspace, scheduler: fixture.scheduler, runStore: fixture.runStore,
                                authorization: BearerAuthorization(token: nil, environmentVariable: "DARTCAST_API_TOKEN"),
                                triggers: ManualTriggers(scheduler: fixture.scheduler, logger: fixture.workspace.logger),
                                state: fixture.state, metrics: [Failing(), extra], now: { 0 })
        try await Application(router: api.router()).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response throws in
                let parsed = try PrometheusParser.parse(response.text)
                #expect(parsed.value("dartcast_rolling_mae", ["product": "hourly"]) == 7.25)
                #expect(parsed.types["dartcast_half_written"] == nil)
            }
        }
    }

    @Test func eachScrapeShowsTheStoresAsTheyAreThenOnTheSameRegistry() async throws {
        let fixture = try ServerFixture()
        try fixture.seedRuns(job: "hourly_predict", count: 2)
        try await fixture.application().test(.router) { client in
            let first = try await client.execute(uri: "/metrics", method: .get) { try PrometheusParser.parse($0.text) }
            #expect(first.value("dartcast_runs", ["job": "hourly_predict", "status": "succeeded"]) == 2)
            // The same two runs saved again as failed: set anew, not added to, and the succeeded series is gone.
            try fixture.seedRuns(job: "hourly_predict", count: 2, status: .failed)
            let second = try await client.execute(uri: "/metrics", method: .get) { try PrometheusParser.parse($0.text) }
            #expect(second.value("dartcast_runs", ["job": "hourly_predict", "status": "failed"]) == 2)
            #expect(second.value("dartcast_runs", ["job": "hourly_predict", "status": "succeeded"]) == nil)
            #expect(second.value("dartcast_step_duration_seconds_count", ["step": "predict"]) == 2)
            #expect(second.types["dartcast_last_success_age_seconds"] == "gauge")
            #expect(second.value("dartcast_last_success_age_seconds", ["job": "hourly_predict"]) == nil)
        }
    }

    @Test func quantilesUseNearestRank() {
        #expect(RunMetrics.quantile([1, 2, 3, 4], 0.5) == 2)
        #expect(RunMetrics.quantile([1, 2, 3, 4], 0.99) == 4)
        #expect(RunMetrics.quantile([5], 0.9) == 5)
    }
}

/// A strict reader of the Prometheus text format 0.0.4 as far as these tests need: every line
/// is a comment (`# HELP`/`# TYPE`), blank, or `name{labels} value`; samples belong to a declared family.
enum PrometheusParser {
    struct Parsed {
        var types: [String: String] = [:]
        var samples: [(name: String, labels: [String: String], value: Double)] = []

        func value(_ name: String, _ labels: [String: String]) -> Double? {
            samples.first { sample in sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value } }?.value
        }
    }

    struct Malformed: Error, CustomStringConvertible {
        let line: String
        var description: String { "malformed line: \(line)" }
    }

    static func parse(_ text: String) throws -> Parsed {
        var parsed = Parsed()
        let name = try Regex("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? ([-+0-9.eE]+|NaN|[+-]Inf)$")
        let label = try Regex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, ["counter", "gauge", "summary", "histogram", "untyped"].contains(parts[3]) else { throw Malformed(line: String(line)) }
                parsed.types[String(parts[2])] = String(parts[3])
                continue
            }
            if line.hasPrefix("# HELP ") { continue }
            guard let match = try name.wholeMatch(in: String(line)) else { throw Malformed(line: String(line)) }
            let sampleName = String(match.output[1].substring ?? "")
            var labels: [String: String] = [:]
            if let body = match.output[3].substring {
                for labelMatch in String(body).matches(of: label) {
                    labels[String(labelMatch.output[1].substring ?? "")] = String(labelMatch.output[2].substring ?? "")
                }
            }
            let family = ["_sum", "_count", "_bucket"].reduce(sampleName) { name, suffix in
                name.hasSuffix(suffix) && parsed.types[String(name.dropLast(suffix.count))] != nil ? String(name.dropLast(suffix.count)) : name
            }
            guard parsed.types[family] != nil else { throw Malformed(line: "sample before its # TYPE: \(line)") }
            guard let value = Double(String(match.output[4].substring ?? "")) ?? (match.output[4].substring == "NaN" ? .nan : nil) else {
                throw Malformed(line: String(line))
            }
            parsed.samples.append((sampleName, labels, value))
        }
        return parsed
    }
}
