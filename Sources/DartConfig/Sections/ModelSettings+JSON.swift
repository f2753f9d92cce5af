import DartCore

extension ModelSettings {
    init(reading reader: ObjectReader) {
        let defaults = ModelSettings.defaults
        self.init(
            families: Self.readFamilies(reader, defaults.families),
            objective: reader.choice("objective", defaults.objective),
            huberDelta: reader.double("huber_delta", defaults.huberDelta, in: 0.000_001...10_000),
            quantiles: Self.readQuantiles(reader, defaults.quantiles),
            seed: reader.int("seed", defaults.seed, in: 0...2_147_483_647),
            threads: reader.int("threads", defaults.threads, in: 0...256),
            ensemble: reader.bool("ensemble", defaults.ensemble),
            ensembleCombination: reader.choice("ensemble_combination", defaults.ensembleCombination),
            trainingWindowDays: Self.readWindow(reader, defaults.trainingWindowDays),
            recencyHalfLifeDays: reader.double("recency_half_life_days", defaults.recencyHalfLifeDays, in: 0...3650),
            preRegimeWeight: reader.double("pre_regime_weight", defaults.preRegimeWeight, in: 0.001...1),
            feedOutageShare: reader.double("feed_outage_share", defaults.feedOutageShare, in: 0...0.5),
            minFeedHistoryDays: reader.int("min_feed_history_days", defaults.minFeedHistoryDays, in: 0...3650),
            cvFolds: reader.int("cv_folds", defaults.cvFolds, in: 0...24),
            cvFoldDays: reader.int("cv_fold_days", defaults.cvFoldDays, in: 7...120),
            roundSelectionMargin: reader.double("round_selection_margin", defaults.roundSelectionMargin, in: 0...1),
            hourlyIssueStride: reader.int("hourly_issue_stride", defaults.hourlyIssueStride, in: 1...24),
            hourlyTargetStride: reader.int("hourly_target_stride", defaults.hourlyTargetStride, in: 1...24),
            hourlyHorizonBuckets: Self.readHorizonBuckets(reader, defaults.hourlyHorizonBuckets),
            hyperparameters: Self.readHyperparameters(reader, "hyperparameters", defaults.hyperparameters),
            hourlyHyperparameters: Self.readHyperparameters(reader, "hourly_hyperparameters", defaults.hourlyHyperparameters))
    }

    /// 0 (all history) or 7…3650 days.
    private static func readWindow(_ reader: ObjectReader, _ fallback: Int) -> Int {
        let days = reader.int("training_window_days", fallback, in: 0...3650)
        guard days == 0 || days >= 7 else {
            if let found = reader.member("training_window_days") {
                reader.invalid("training_window_days", found, value: "\(days)", "use 0 for all known history or at least 7 days")
            }
            return fallback
        }
        return days
    }

    /// A family name; the replaced system's `neural_network` is read as `mlp` with a warning.
    /// Whether a family of that name is registered is the family table's check
    /// (`ModelFamilyTable.validate` in DartPipeline), so a new family needs no edit here.
    private static func family(_ name: String, path: String, at node: JSONNode, context: ReadContext) -> ModelFamilyName {
        if name == "neural_network" {
            context.warn(.legacyValueMapped, path, at: node, "\"neural_network\" is read as \"mlp\"; write \"mlp\"")
            return .mlp
        }
        return ModelFamilyName(name)
    }

    private static func readFamilies(_ reader: ObjectReader, _ fallback: [ModelFamilyName]) -> [ModelFamilyName] {
        let names = reader.stringArray("families", fallback.map(\.rawValue))
        guard let found = reader.member("families") else { return fallback }
        var families: [ModelFamilyName] = []
        for (position, name) in names.enumerated() {
            let path = reader.childPath("families[\(position)]")
            let family = family(name, path: path, at: found, context: reader.context)
            guard !families.contains(family) else {
                reader.context.error(.invalidValue, path, at: found, value: name, "\(family.rawValue) is listed twice; keep one")
                return fallback
            }
            families.append(family)
        }
        guard !families.isEmpty else {
            reader.invalid("families", found, "list at least one of \(ModelSettings.defaultFamilies.map(\.rawValue).joined(separator: ", "))")
            return fallback
        }
        return families
    }

    /// Whole leads 1…23, strictly increasing; [] for one pooled model.
    private static func readHorizonBuckets(_ reader: ObjectReader, _ fallback: [Int]) -> [Int] {
        let bounds = reader.doubleArray("hourly_horizon_buckets", fallback.map(Double.init))
        guard let found = reader.member("hourly_horizon_buckets") else { return fallback }
        let whole = bounds.allSatisfy { $0 == $0.rounded() && $0 >= 1 && $0 <= 23 }
        guard whole, zip(bounds, bounds.dropFirst()).allSatisfy({ $0 < $1 }) else {
            reader.invalid("hourly_horizon_buckets", found, value: bounds.map(JSONWriter.format).joined(separator: ", "),
                           "list the leads (whole hours 1–23, strictly increasing) at which a bucket ends, such as [2, 6] for 1–2, 3–6 and 7+ hours ahead, or [] for one model")
            return fallback
        }
        return bounds.map { Int($0) }
    }

    private static func readQuantiles(_ reader: ObjectReader, _ fallback: [Double]) -> [Double] {
        let quantiles = reader.doubleArray("quantiles", fallback)
        guard let found = reader.member("quantiles") else { return fallback }
        let inRange = quantiles.allSatisfy { $0 > 0 && $0 < 1 }
        let increasing = zip(quantiles, quantiles.dropFirst()).allSatisfy { $0 < $1 }
        guard !quantiles.isEmpty, inRange, increasing else {
            reader.invalid("quantiles", found, value: quantiles.map(JSONWriter.format).joined(separator: ", "),
                           "quantiles must be strictly increasing numbers between 0 and 1 (exclusive), such as [0.1, 0.5, 0.9]")
            return fallback
        }
        return quantiles
    }

    /// `{family: {name: number}}`; given names replace the defaults of that family.
    private static func readHyperparameters(_ reader: ObjectReader, _ key: String, _ fallback: [ModelFamilyName: [String: Double]]) -> [ModelFamilyName: [String: Double]] {
        guard let table = reader.object(key) else { return fallback }
        var result = fallback
        for member in table.members {
            let path = table.childPath(member.key)
            let family = family(member.key, path: path, at: member.node, context: reader.context)
            guard let parameters = member.node.members else {
                reader.context.error(.wrongType, path, at: member.node, "expected an object of name: number, got \(member.node.typeName)")
                continue
            }
            for parameter in parameters {
                guard case .number(let number) = parameter.node.value else {
                    reader.context.error(.wrongType, joinPath(path, parameter.key), at: parameter.node,
                                         "expected a number, got \(parameter.node.typeName)")
                    continue
                }
                result[family, default: [:]][parameter.key] = number
            }
        }
        return result
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        func tables(_ values: [ModelFamilyName: [String: Double]]) -> JSONNode {
            // The shipped families in their order, then any others by name.
            let others = values.keys.filter { !ModelSettings.defaultFamilies.contains($0) }.sorted { $0.rawValue < $1.rawValue }
            return .object((ModelSettings.defaultFamilies + others).compactMap { family in
                values[family].map { parameters in
                    (family.rawValue, JSONNode.object(parameters.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) }))
                }
            })
        }
        return .object([
            ("families", .strings(families.map(\.rawValue))),
            ("objective", .string(objective.rawValue)),
            ("huber_delta", .number(huberDelta)),
            ("quantiles", .numbers(quantiles)),
            ("seed", .number(seed)),
            ("threads", .number(threads)),
            ("ensemble", .bool(ensemble)),
            ("ensemble_combination", .string(ensembleCombination.rawValue)),
            ("training_window_days", .number(trainingWindowDays)),
            ("recency_half_life_days", .number(recencyHalfLifeDays)),
            ("pre_regime_weight", .number(preRegimeWeight)),
            ("feed_outage_share", .number(feedOutageShare)),
            ("min_feed_history_days", .number(minFeedHistoryDays)),
            ("cv_folds", .number(cvFolds)),
            ("cv_fold_days", .number(cvFoldDays)),
            ("round_selection_margin", .number(roundSelectionMargin)),
            ("hourly_issue_stride", .number(hourlyIssueStride)),
            ("hourly_target_stride", .number(hourlyTargetStride)),
            ("hourly_horizon_buckets", .numbers(hourlyHorizonBuckets.map(Double.init))),
            ("hyperparameters", tables(hyperparameters)),
            ("hourly_hyperparameters", tables(hourlyHyperparameters)),
        ])
    }
}
