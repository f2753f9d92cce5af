import DartCore

extension EnsembleCombination {
    /// Weights for members with the given validation MAEs (ignored by `.equal` and `.median`).
    /// - Throws: `EnsembleError.invalidValidationMAE` when an MAE is not finite and positive
    ///   (an MAE of 0 on real DART means the validation rows leaked the target).
    public func weights(validationMAE: [Double], names: [String]) throws(EnsembleError) -> [Double] {
        guard !validationMAE.isEmpty else { throw EnsembleError(.noMembers, subject: "", "an ensemble needs at least one member") }
        switch self {
        case .equal, .median:
            return [Double](repeating: 1 / Double(validationMAE.count), count: validationMAE.count)
        case .inverseMAE:
            for (name, mae) in zip(names, validationMAE) where !(mae.isFinite && mae > 0) {
                throw EnsembleError(.invalidValidationMAE, subject: name,
                                    "member \(name) has validation MAE \(mae); inverse-MAE weights need a finite MAE above 0 (check the validation rows for leakage, or use equal weights)")
            }
            let inverses = validationMAE.map { 1 / $0 }
            let total = inverses.reduce(0, +)
            return inverses.map { $0 / total }
        }
    }
}
