import DartPrometheus

/// `dartcast_up` and `dartcast_scheduler_started`: the process answers, and its scheduler loop runs.
struct ServerStatusMetrics: MetricsContributor {
    static let up = GaugeFamily(name: "dartcast_up", help: "1 while dartcast serve answers.")
    static let schedulerStarted = GaugeFamily(name: "dartcast_scheduler_started", help: "1 once the scheduler loop runs.")

    let state: ServerState

    func contribute(to scrape: inout MetricsScrape) async throws {
        scrape.set(Self.up, to: 1)
        scrape.set(Self.schedulerStarted, to: state.isSchedulerStarted ? 1 : 0)
    }
}
