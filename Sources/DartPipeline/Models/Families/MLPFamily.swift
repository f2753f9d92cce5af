import DartCore
import DartModels

/// The MLP: trains no boosters, so rounds and quantile boosters do not apply; the seed comes
/// from the shared model settings.
public struct MLPFamily: ReloadableFamily {
    public typealias Model = MLPForecaster

    public let name = ModelFamilyName.mlp

    public init() {}

    /// Width and depth are settings of their own; the layers are derived from them.
    private struct Shape {
        var hyperparameters: MLPHyperparameters
        var units: Int
        var layers: Int
    }

    public func hyperparameters(_ context: FamilyContext) throws -> MLPHyperparameters {
        var h = MLPHyperparameters()
        h.seed = UInt64(max(0, context.settings.seed))
        var shape = Shape(hyperparameters: h, units: h.hiddenLayers.first ?? 64, layers: h.hiddenLayers.count)
        try HyperparameterKeys<Shape>(name, [
            "hidden_units": .int(\.units), "hidden_layers": .int(\.layers), "epochs": .int(\.hyperparameters.maxEpochs),
            "batch_size": .int(\.hyperparameters.batchSize), "learning_rate": .double(\.hyperparameters.learningRate),
            "weight_decay": .double(\.hyperparameters.weightDecay), "patience": .int(\.hyperparameters.patience),
            "input_clip": .double(\.hyperparameters.inputClip),
        ]).apply(context.values(name), to: &shape)
        h = shape.hyperparameters
        // Each further layer halves the width: 64, 32, 16…
        h.hiddenLayers = (0..<max(shape.layers, 0)).map { max(4, shape.units >> $0) }
        try h.validate()
        return h
    }
}
