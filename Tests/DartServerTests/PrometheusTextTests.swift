@testable import DartServer
import Testing

@Suite struct PrometheusTextTests {
    @Test func escapesLabelValuesAndDeclaresFamiliesOnce() {
        var text = PrometheusText()
        text.family("dartcast_runs_total", type: .counter, help: "Runs.")
        text.family("dartcast_runs_total", type: .counter, help: "Runs.")
        text.sample("dartcast_runs_total", labels: [("job", "a\"b")], 3)
        #expect(text.text == "# HELP dartcast_runs_total Runs.\n# TYPE dartcast_runs_total counter\ndartcast_runs_total{job=\"a\\\"b\"} 3\n")
    }
}

@Suite struct PrometheusTextAppendTests {
    @Test func appendedExpositionKeepsItsFamiliesDeclared() {
        var text = PrometheusText()
        text.append(exposition: "# HELP dartcast_rolling_mae MAE.\n# TYPE dartcast_rolling_mae gauge\ndartcast_rolling_mae{window_days=\"7\"} 4.5\n")
        text.family("dartcast_rolling_mae", type: .gauge, help: "again")
        #expect(text.text == "# HELP dartcast_rolling_mae MAE.\n# TYPE dartcast_rolling_mae gauge\ndartcast_rolling_mae{window_days=\"7\"} 4.5\n")
    }
}
