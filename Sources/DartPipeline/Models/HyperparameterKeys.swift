import DartCore

/// Reads a family's `models.hyperparameters.<family>` values into its hyperparameters: one
/// setter per key, named as the library names it. An unknown key is an error that names it
/// and the known ones, so a typo never silently trains the default model.
struct HyperparameterKeys<Target> {
    /// Writes one settings value into the hyperparameters.
    struct Setter {
        let set: (inout Target, Double) throws -> Void

        /// A whole-number setting (settings files hold numbers as Double).
        static func int(_ path: WritableKeyPath<Target, Int>) -> Setter { Setter { $0[keyPath: path] = Int($1) } }

        static func double(_ path: WritableKeyPath<Target, Double>) -> Setter { Setter { $0[keyPath: path] = $1 } }

        /// A loss scale in $/MWh: 0 means the setting's `zeroMeans`, a negative value is an error
        /// naming `key` and both meanings, a positive one goes to `apply`.
        static func lossScale(_ family: ModelFamilyName, _ key: String, zeroMeans: String, positiveMeans: String,
                              _ apply: @escaping (inout Target, Double) -> Void) -> Setter {
            Setter { target, value in
                guard value >= 0 else {
                    throw PipelineError(.configuration, "\(family) \(key) (models.hyperparameters or models.hourly_hyperparameters) is \(value); "
                                        + "use 0 for \(zeroMeans) or a positive \(positiveMeans)")
                }
                apply(&target, value)
            }
        }
    }

    let family: ModelFamilyName
    let setters: [String: Setter]

    init(_ family: ModelFamilyName, _ setters: [String: Setter]) {
        self.family = family
        self.setters = setters
    }

    /// Applies every value, in key order so the first unknown key reported is always the same.
    func apply(_ values: [String: Double], to target: inout Target) throws {
        for key in values.keys.sorted() {
            guard let setter = setters[key] else {
                throw PipelineError(.configuration, "models.hyperparameters.\(family).\(key) is not a known setting; "
                                    + "use one of \(setters.keys.sorted().joined(separator: ", "))")
            }
            try setter.set(&target, values[key]!)
        }
    }
}
