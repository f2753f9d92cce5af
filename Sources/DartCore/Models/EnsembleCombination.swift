/// How an ensemble combines its members' forecasts (`models.ensemble_combination`). Lives here so
/// the settings and the models share one enum; the weights are computed in DartModels.
public enum EnsembleCombination: String, Codable, Hashable, Sendable, CaseIterable {
    /// The per-row median of the members' forecasts: one member that goes wild on inputs it
    /// never saw cannot drag the ensemble (docs/backtests.md § Session 19). Weights are 1 / n,
    /// recorded for display only.
    case median
    /// A mean weighted ∝ 1 / validation (out-of-fold) MAE, normalised to sum to 1.
    case inverseMAE = "inverse_mae"
    /// The plain mean: every member weighs 1 / n.
    case equal
}
