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
