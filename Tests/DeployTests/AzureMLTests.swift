import Foundation
import Testing

@Suite struct AzureMLTests {
    static let directory = DeployTools.deployDirectory.appendingPathComponent("azureml")
    static let pipeline = directory.appendingPathComponent("pipeline.yml")
    static let schedules = ["schedule_daily.yml", "schedule_hourly.yml"].map { directory.appendingPathComponent($0) }

    /// Loads the pipeline and the schedules with Microsoft's SDK (offline) and prints what the tests check.
    static let validator = """
        import json, sys, warnings
        warnings.filterwarnings("ignore")
        import logging; logging.disable(logging.CRITICAL)
        from azure.ai.ml import load_job
        from azure.ai.ml.constants import TimeZone
        from azure.ai.ml.entities._load_functions import load_schedule
        pipeline = load_job(sys.argv[1])
        result = pipeline._validate()
        if not result.passed:
            sys.exit("pipeline rejected: " + str(result.error_messages))
        summary = {"type": pipeline.type, "jobs": {}, "inputs": {}, "schedules": {},
                   "time_zones": [zone.value for zone in TimeZone]}
        for name, value in pipeline.inputs.items():
            data = getattr(value, "_data", None)
            kind = getattr(data, "type", None) or ("boolean" if isinstance(data, bool) else type(data).__name__)
            summary["inputs"][name] = {"type": kind, "default": str(data)}
        for name, step in pipeline.jobs.items():
            summary["jobs"][name] = {"type": step.type, "command": step.command,
                                     "inputs": {k: str(v._data) for k, v in step.inputs.items()}}
        for path in sys.argv[2:]:
            schedule = load_schedule(path)
            trigger = schedule.trigger
            summary["schedules"][path.rsplit("/", 1)[-1]] = {
                "time_zone": trigger.time_zone, "type": trigger.type,
                "expression": getattr(trigger, "expression", None),
                "frequency": getattr(trigger, "frequency", None),
                "hours": getattr(getattr(trigger, "schedule", None), "hours", None),
                "minutes": getattr(getattr(trigger, "schedule", None), "minutes", None),
                "inputs": {k: str(getattr(v, "_data", v)) for k, v in schedule.create_job.inputs.items()
                           if k in ("retrain", "product")}}
        print("SUMMARY " + json.dumps(summary))
        """

    struct Summary: Decodable {
        struct Step: Decodable {
            var type: String
            var command: String
            var inputs: [String: String]
        }
        struct Input: Decodable {
            var type: String?
            var `default`: String
        }
        struct Schedule: Decodable {
            var time_zone: String
            var type: String
            var expression: String?
            var frequency: String?
            var hours: [Int]?
            var minutes: [Int]?
            var inputs: [String: String]
        }
        var type: String
        var jobs: [String: Step]
        var inputs: [String: Input]
        var schedules: [String: Schedule]
        var time_zones: [String]
    }

    /// The SDK is slow to import, so one load serves every test of the suite.
    static let loaded: Swift.Result<Summary, any Error> = Swift.Result {
        try DeployTools.requirePackage("azure/ai/ml")
        let result = try DeployTools.python(validator, [pipeline.path] + schedules.map(\.path))
        guard result.status == 0, let line = result.output.split(separator: "\n").last(where: { $0.hasPrefix("SUMMARY ") }) else {
            throw ValidationFailure(output: result.output)
        }
        return try JSONDecoder().decode(Summary.self, from: Data(line.dropFirst("SUMMARY ".count).utf8))
    }

    struct ValidationFailure: Error, CustomStringConvertible {
        let output: String
        var description: String { "the Azure ML SDK rejected the YAML: \(output)" }
    }

    @Test func theSDKAcceptsThePipelineAndBothSchedules() throws {
        let summary = try Self.loaded.get()
        #expect(summary.type == "pipeline")
        #expect(Set(summary.jobs.keys) == ["ingest", "features", "train_lightgbm", "train_xgboost", "train_mlp", "predict", "publish"])
        #expect(summary.jobs.values.allSatisfy { $0.type == "command" })
        #expect(summary.schedules.count == 2)
    }

    @Test func theSDKRejectsAMisspelledKey() throws {
        try DeployTools.requirePackage("azure/ai/ml")
        let broken = try DeployTools.brokenCopy(of: Self.pipeline, replacing: "  predict:\n    type: command\n    environment:",
                                                with: "  predict:\n    type: command\n    enviroment:")
        let result = try DeployTools.python(Self.validator, [broken.path])
        #expect(result.status != 0)
        #expect(result.output.contains("jobs.predict"), "the SDK should name the broken step: \(result.output.suffix(2000))")
    }

    @Test func theSDKRejectsABadSchedule() throws {
        try DeployTools.requirePackage("azure/ai/ml")
        let broken = try DeployTools.brokenCopy(of: Self.schedules[0], replacing: "frequency: day", with: "frequency: fortnight")
        try FileManager.default.copyItem(at: Self.pipeline, to: broken.deletingLastPathComponent().appendingPathComponent("pipeline.yml"))
        let result = try DeployTools.python(Self.validator, [Self.pipeline.path, broken.path])
        #expect(result.status != 0)
        #expect(result.output.contains("fortnight"), "\(result.output.suffix(2000))")
    }

    @Test func schedulesRunAt0500CentralAndEveryHourAt05() throws {
        let summary = try Self.loaded.get()
        let daily = try #require(summary.schedules["schedule_daily.yml"])
        #expect(daily.type.lowercased() == "recurrence" && daily.frequency == "day" && daily.hours == [5] && daily.minutes == [0])
        #expect(daily.inputs["retrain"] == "True")
        let hourly = try #require(summary.schedules["schedule_hourly.yml"])
        #expect(hourly.type.lowercased() == "cron" && hourly.expression == "5 * * * *")
        #expect(hourly.inputs["retrain"] == "False")
        #expect(hourly.inputs["product"] == "hourly")
    }

    // The SDK takes any string as time_zone; the service accepts only its Windows names.
    @Test func scheduleTimeZonesAreInTheSDKsTimeZoneList() throws {
        let summary = try Self.loaded.get()
        #expect(summary.time_zones.count > 100 && summary.time_zones.contains("Central Standard Time"))
        for (file, schedule) in summary.schedules {
            #expect(schedule.time_zone == "Central Standard Time", "\(file)")
            #expect(summary.time_zones.contains(schedule.time_zone), "\(file): '\(schedule.time_zone)' is not in azure.ai.ml.constants.TimeZone")
        }
        #expect(!summary.time_zones.contains("America/Chicago"), "the list holds Windows names, so an IANA name would be rejected by the service")
    }

    @Test func retrainIsABooleanInputWiredIntoEveryTrainCommand() throws {
        let summary = try Self.loaded.get()
        #expect(summary.inputs["retrain"]?.type == "boolean")
        for family in ["lightgbm", "xgboost", "mlp"] {
            let step = try #require(summary.jobs["train_\(family)"])
            #expect(step.inputs["retrain"] == "${{parent.inputs.retrain}}")
            #expect(step.command.contains("--retrain ${{inputs.retrain}}"), "\(step.command)")
            #expect(step.command.contains("--models \(family)"), "\(step.command)")
        }
    }

    // Every `dartcast SUB --flag` in a step must exist in `dartcast SUB --help`.
    @Test func everySubcommandAndFlagInTheStepsExists() throws {
        let summary = try Self.loaded.get()
        let unknown = try CommandLineCheck(binary: try DeployTools.dartcastBinary()).unknownFlags(in: summary.jobs.mapValues(\.command))
        #expect(unknown.isEmpty, "\(unknown.joined(separator: "\n"))")
        let invocations = summary.jobs.values.flatMap { CommandLineCheck.invocations(in: $0.command) }.map(\.subcommand)
        #expect(Set(invocations) == ["ingest", "features", "train", "predict", "run"])
    }

    @Test func anUnknownFlagOrSubcommandIsReported() throws {
        let check = CommandLineCheck(binary: try DeployTools.dartcastBinary())
        let unknown = try check.unknownFlags(in: [
            "a": "cp -a x y && dartcast train --models mlp --retrian True",
            "b": "dartcast forecast --product dayahead",
        ])
        #expect(unknown.count == 2, "\(unknown)")
        #expect(unknown.contains { $0.contains("--retrian") } && unknown.contains { $0.contains("forecast") })
    }
}
