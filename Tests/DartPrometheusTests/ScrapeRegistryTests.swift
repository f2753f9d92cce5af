@testable import DartPrometheus
import Prometheus
import Testing

/// The `/metrics` page through swift-prometheus: what used to be checked on the hand-written
/// writer (escaping, one declaration per family) and what the registry adds (scrape snapshots).
@Suite struct ScrapeRegistryTests {
    static let runs = GaugeFamily(name: "dartcast_runs_total", help: "Runs.")

    /// The page as a set of lines: the registry writes families in no fixed order.
    private func lines(_ page: String) -> [Substring] { page.split(separator: "\n") }

    @Test func escapesLabelValuesAndDeclaresFamiliesOnce() {
        var scrape = MetricsScrape()
        scrape.declare(Self.runs)
        scrape.set(Self.runs, labels: [("job", "a\"b")], to: 3)
        scrape.set(Self.runs, labels: [("job", "x\"y\\z\nw")], to: 0.5)
        let page = ScrapeRegistry().publish(scrape)
        #expect(lines(page).filter { $0 == "# HELP dartcast_runs_total Runs." }.count == 1)
        #expect(lines(page).filter { $0 == "# TYPE dartcast_runs_total gauge" }.count == 1)
        #expect(page.contains("dartcast_runs_total{job=\"a\\\"b\"} 3.0\n"))
        #expect(page.contains("dartcast_runs_total{job=\"x\\\"y\\\\z\\nw\"} 0.5\n"))
        #expect(scrape.problems.isEmpty)
    }

    @Test func theSameFamilyFromTwoContributorsIsDeclaredOnceAndAConflictingDefinitionIsRefused() {
        var scrape = MetricsScrape()
        scrape.set(GaugeFamily(name: "dartcast_rolling_mae", help: "MAE."), labels: [("window_days", "7")], to: 4.5)
        scrape.set(GaugeFamily(name: "dartcast_rolling_mae", help: "MAE."), labels: [("window_days", "30")], to: 5)
        scrape.set(GaugeFamily(name: "dartcast_rolling_mae", help: "again"), labels: [("window_days", "90")], to: 6)
        scrape.summary(SummaryFamily(name: "dartcast_rolling_mae", help: "MAE."), labels: [], quantiles: [], sum: 0, count: 0)
        let page = ScrapeRegistry().publish(scrape)
        #expect(lines(page).filter { $0.hasPrefix("# HELP dartcast_rolling_mae ") } == ["# HELP dartcast_rolling_mae MAE."])
        #expect(lines(page).filter { $0.hasPrefix("# TYPE dartcast_rolling_mae ") } == ["# TYPE dartcast_rolling_mae gauge"])
        #expect(page.contains("dartcast_rolling_mae{window_days=\"7\"} 4.5\n"))
        #expect(page.contains("dartcast_rolling_mae{window_days=\"30\"} 5.0\n"))
        #expect(!page.contains("window_days=\"90\""))
        #expect(scrape.problems.map(\.metric) == ["dartcast_rolling_mae"])
        #expect(scrape.problems.first?.description.contains("one definition") == true)
    }

    @Test func aDeclaredFamilyWithoutSeriesIsStillListed() {
        var scrape = MetricsScrape()
        scrape.declare(GaugeFamily(name: "dartcast_model_validation_mae", help: "Validation MAE."))
        scrape.declare(SummaryFamily(name: "dartcast_step_duration_seconds", help: "Step durations."))
        let page = ScrapeRegistry().publish(scrape)
        #expect(page == """
            # HELP dartcast_model_validation_mae Validation MAE.
            # TYPE dartcast_model_validation_mae gauge
            # HELP dartcast_step_duration_seconds Step durations.
            # TYPE dartcast_step_duration_seconds summary

            """)
    }

    @Test func summariesListQuantilesSumAndCountUnderOneDeclaration() {
        var scrape = MetricsScrape()
        let family = SummaryFamily(name: "dartcast_step_duration_seconds", help: "Step durations.")
        scrape.summary(family, labels: [("step", "predict")], quantiles: [(0.5, 2), (0.99, 4.5)], sum: 10, count: 4)
        scrape.summary(family, labels: [("step", "ingest")], quantiles: [(0.5, .nan)], sum: 0, count: 0)
        #expect(ScrapeRegistry().publish(scrape) == """
            # HELP dartcast_step_duration_seconds Step durations.
            # TYPE dartcast_step_duration_seconds summary
            dartcast_step_duration_seconds{step="predict",quantile="0.5"} 2.0
            dartcast_step_duration_seconds{step="predict",quantile="0.99"} 4.5
            dartcast_step_duration_seconds_sum{step="predict"} 10.0
            dartcast_step_duration_seconds_count{step="predict"} 4
            dartcast_step_duration_seconds{step="ingest",quantile="0.5"} NaN
            dartcast_step_duration_seconds_sum{step="ingest"} 0.0
            dartcast_step_duration_seconds_count{step="ingest"} 0

            """)
    }

    @Test func eachScrapeReplacesTheLastAndSeriesNoLongerReportedAreUnregistered() {
        let registry = ScrapeRegistry()
        var first = MetricsScrape()
        first.set(Self.runs, labels: [("status", "running")], to: 1)
        first.set(Self.runs, labels: [("status", "succeeded")], to: 4)
        first.set(GaugeFamily(name: "dartcast_gone", help: "Gone next time."), to: 1)
        _ = registry.publish(first)

        var second = MetricsScrape()
        second.set(Self.runs, labels: [("status", "succeeded")], to: 5)
        let page = registry.publish(second)
        #expect(page == "# HELP dartcast_runs_total Runs.\n# TYPE dartcast_runs_total gauge\ndartcast_runs_total{status=\"succeeded\"} 5.0\n")
        // The registry itself (not only the page) lost the series: it is what swift-prometheus emits.
        #expect(registry.registry.emitToString() == page)
    }

    @Test func aFamilyMayChangeItsHelpOrLabelsBetweenScrapes() {
        let registry = ScrapeRegistry()
        var first = MetricsScrape()
        first.set(GaugeFamily(name: "dartcast_step_runs", help: "Over 500 runs."), to: 1)
        _ = registry.publish(first)
        var second = MetricsScrape()
        second.set(GaugeFamily(name: "dartcast_step_runs", help: "Over 100 runs."), labels: [("step", "predict")], to: 2)
        #expect(registry.publish(second) == "# HELP dartcast_step_runs Over 100 runs.\n# TYPE dartcast_step_runs gauge\ndartcast_step_runs{step=\"predict\"} 2.0\n")
    }

    @Test func writesTheRegistryCouldNotTakeAreRefusedNamingTheFix() {
        var scrape = MetricsScrape()
        scrape.set(GaugeFamily(name: "dartcast-up", help: "Bad name."), to: 1)
        scrape.set(GaugeFamily(name: "dartcast_mixed", help: "Mixed."), to: 1)
        scrape.set(GaugeFamily(name: "dartcast_mixed", help: "Mixed."), labels: [("job", "a")], to: 2)
        scrape.set(GaugeFamily(name: "dartcast_labels", help: "Labels."), labels: [("job", "a"), ("job", "b")], to: 1)
        scrape.set(GaugeFamily(name: "dartcast_labels", help: "Labels."), labels: [("1job", "a")], to: 1)
        scrape.summary(SummaryFamily(name: "dartcast_steps", help: "Steps."), labels: [("quantile", "x")], quantiles: [], sum: 0, count: 0)
        scrape.set(GaugeFamily(name: "dartcast_steps_count", help: "Clash."), to: 1)
        #expect(scrape.problems.map(\.metric) == ["dartcast-up", "dartcast_mixed", "dartcast_labels", "dartcast_labels", "dartcast_steps",
                                                   "dartcast_steps_count"])
        #expect(ScrapeRegistry().publish(scrape) == "# HELP dartcast_mixed Mixed.\n# TYPE dartcast_mixed gauge\ndartcast_mixed 1.0\n")
    }
}
