import GRDB

extension MonitoringStore {
    /// Replaces the latest drift figures of each (product, feature) in `results`.
    public func saveDrift(_ results: [FeatureDriftResult]) throws {
        try write("saving drift") { db in
            for result in results {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO feature_drift (product, feature, psi, as_of_utc, model_version, reference_from_utc,
                        reference_to_utc, recent_from_utc, reference_rows, recent_rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [result.product, result.feature, result.psi, result.asOfUTC, result.modelVersion,
                                     result.referenceFromUTC, result.referenceToUTC, result.recentFromUTC, result.referenceRows,
                                     result.recentRows])
            }
        }
    }

    /// The latest drift figures, by product and feature.
    public func latestDrift() throws -> [FeatureDriftResult] {
        try read("reading drift") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feature_drift ORDER BY product, feature").map { row in
                FeatureDriftResult(product: row["product"], feature: row["feature"], psi: row["psi"], asOfUTC: row["as_of_utc"],
                                   modelVersion: row["model_version"], referenceFromUTC: row["reference_from_utc"],
                                   referenceToUTC: row["reference_to_utc"], recentFromUTC: row["recent_from_utc"],
                                   referenceRows: row["reference_rows"], recentRows: row["recent_rows"])
            }
        }
    }
}
