@testable import dartcast
import Testing

@Suite struct BooleanArgumentTests {
    @Test(arguments: ["True", "true", "TRUE", "1", " true "])
    func trueSpellings(_ text: String) throws {
        #expect(try BooleanArgument.parse(text) == true)
    }

    @Test(arguments: ["False", "false", "FALSE", "0"])
    func falseSpellings(_ text: String) throws {
        #expect(try BooleanArgument.parse(text) == false)
    }

    @Test(arguments: ["yes", "no", "", "2", "tru", "None"])
    func anythingElseIsAnErrorNamingTheValue(_ text: String) {
        #expect(throws: BooleanArgumentError(.notABoolean, value: text)) { try BooleanArgument.parse(text) }
        let message = BooleanArgumentError(.notABoolean, value: text).description
        #expect(message.contains("'\(text)'") && message.contains("true or false"))
    }

    @Test func trainAcceptsAzureMLSpellingAndRejectsOthers() throws {
        let parsed = try TrainCommand.parse(["--models", "lightgbm", "--retrain", "False"])
        #expect(parsed.retrainOption.retrain == false)
        #expect(try TrainCommand.parse(["--retrain", "True"]).retrainOption.retrain == true)
        #expect(try TrainCommand.parse([]).retrainOption.retrain == true)
        do {
            _ = try TrainCommand.parse(["--retrain", "maybe"])
            Issue.record("--retrain maybe was accepted")
        } catch {
            #expect(TrainCommand.message(for: error).contains("'maybe' is not a boolean"))
        }
    }
}

/// `--retrain` has one form on `train` and `run`: the flag, `--no-retrain`, and `--retrain VALUE` for schedulers.
@Suite struct RetrainFormTests {
    @Test func runTakesTheFlagTheValueAndNoRetrain() throws {
        #expect(try RunCommand.parse([]).retrain() == false)
        #expect(try RunCommand.parse(["--retrain"]).retrain() == true)
        #expect(try RunCommand.parse(["--no-retrain"]).retrain() == false)
        #expect(try RunCommand.parse(["--retrain", "False"]).retrain() == false)
        #expect(try RunCommand.parse(["--retrain", "1"]).retrain() == true)
        // The flag before another option takes no value from it.
        let parsed = try RunCommand.parse(["--retrain", "--issue-time", "2025-03-01T05:00", "--job", "daily_retrain"])
        #expect(try parsed.retrain() == true && parsed.issueTime == "2025-03-01T05:00" && parsed.job == "daily_retrain")
    }

    @Test func trainTakesTheSameForms() throws {
        #expect(try TrainCommand.parse(["--retrain"]).retrainOption.retrain == true)
        #expect(try TrainCommand.parse(["--no-retrain"]).retrainOption.retrain == false)
        #expect(try TrainCommand.parse(["--retrain", "--product", "hourly"]).retrainOption.retrain == true)
    }

    @Test(arguments: [["--retrain", "--no-retrain"], ["--retrain", "true", "--no-retrain"]])
    func contradictionIsAnError(_ arguments: [String]) {
        for parse in [{ _ = try RunCommand.parse(arguments) }, { _ = try TrainCommand.parse(arguments) }] as [() throws -> Void] {
            do {
                try parse()
                Issue.record("\(arguments) was accepted")
            } catch {
                #expect(RunCommand.message(for: error).contains("contradict"), "\(RunCommand.message(for: error))")
            }
        }
    }
}
