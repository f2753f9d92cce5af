import DartModels

/// The honest yardsticks every model is compared with. They read feature columns, so they see
/// exactly what the models see at issue time.
public enum BaselineSet {
    /// Name and forecaster of each baseline, zero first.
    public static func make() -> [(name: String, forecaster: any Forecaster)] {
        [
            ("zero", ZeroForecaster()),
            // Same HE on the latest day known at issue time: D−1 when known, else D−2.
            ("naive_d1", ColumnCopyForecaster(.naiveD1, column: "dart_same_he_latest")),
            ("naive_d7", ColumnCopyForecaster(.naiveD7, column: "dart_same_he_d7")),
            ("naive_epf", EPFNaiveForecaster(dayOfWeekColumn: "day_of_week", dayBeforeColumn: "dart_same_he_latest",
                                             weekBeforeColumn: "dart_same_he_d7")),
            ("trailing_median", ColumnCopyForecaster(.trailingMedian, column: "dart_same_he_median_28d")),
        ]
    }

    /// Baselines that count as "naive" when finding the best naive to beat (all but zero).
    public static let naiveNames = ["naive_d1", "naive_d7", "naive_epf", "trailing_median"]
}
