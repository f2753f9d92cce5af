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
