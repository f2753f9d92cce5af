import DartFeatures

extension WalkForwardBacktest {
    /// The feature that carries the target hour's DAM price when it was published before the
    /// issue time (NaN otherwise): the hourly product knows it after ~13:30 CT on D−1.
    public static let damKnownColumn = "dam_target_published"

    /// Per row: was the target hour's DAM price known at issue? Read from the features so it
    /// follows exactly the as-of rule the models saw.
    /// - Throws: `PipelineError.configuration` when the features have no `dam_target_published`
    ///   column (the feature layout was renamed: update `damKnownColumn`).
    static func damKnown(_ features: FeatureMatrix) throws -> [Bool] {
        guard let column = features.column(named: damKnownColumn) else {
            throw PipelineError(.configuration, "the feature matrix has no '\(damKnownColumn)' column, so the backtest cannot tell which targets had a known DAM price; update WalkForwardBacktest.damKnownColumn to the feature layout's name")
        }
        return (0..<features.rowCount).map { features[$0, column].isFinite }
    }
}
