import DartConfig
import DartCore
import DartModels
import Testing
@testable import DartPipeline

/// `models.hyperparameters.mlp` names reach the network's settings, and a bad value is refused
/// naming the setting.
@Suite struct MLPFamilySettingsTests {
    static func context(_ values: [String: Double]) -> FamilyContext {
        var settings = ModelSettings.defaults
        settings.hyperparameters[.mlp] = (settings.hyperparameters[.mlp] ?? [:]).merging(values) { $1 }
        return FamilyContext(settings: settings, product: .hourly, threadsPerModel: 1)
    }

    @Test func theInputBoundIsOffByDefaultAndReadFromInputClip() throws {
        #expect(try MLPFamily().hyperparameters(Self.context([:])).inputClip == 0)
        let bounded = try MLPFamily().hyperparameters(Self.context(["input_clip": 5, "hidden_units": 32, "hidden_layers": 3]))
        #expect(bounded.inputClip == 5 && bounded.hiddenLayers == [32, 16, 8])
        #expect(throws: MLPError.self) { try MLPFamily().hyperparameters(Self.context(["input_clip": -1])) }
    }
}
