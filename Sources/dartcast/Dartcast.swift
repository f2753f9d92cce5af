import ArgumentParser

@main
struct Dartcast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dartcast",
        abstract: "Forecast the ERCOT DART spread (day-ahead minus real-time price) and run it in production.",
        subcommands: [DemoCommand.self, IngestCommand.self, FetchCommand.self, DataCommand.self, SampleCommand.self, TrainCommand.self, PredictCommand.self, BacktestCommand.self, ModelsCommand.self, ConfigCommand.self, RunCommand.self, BackfillCommand.self, RunsCommand.self, PublishCommand.self,
                      FeaturesCommand.self, MonitorCommand.self, ServeCommand.self, ScheduleCommand.self, TriggerCommand.self, MergeCommand.self, TuneCommand.self]
    )
}
