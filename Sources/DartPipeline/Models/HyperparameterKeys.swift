import DartCore

/// Reads a family's `models.hyperparameters.<family>` values into its hyperparameters: one
/// setter per key, named as the library names it. An unknown key is an error that names it
/// and the known ones, so a typo never silently trains the default model.
struct HyperparameterKeys<Target> {
    /// Writes one settings value into the hyperparameters.
    struct Setter {
        let set: (inout Target, Double) -> Void

        /// A whole-number setting (settings files hold numbers as Double).
        static func int(_ path: WritableKeyPath<Target, Int>) -> Setter { Setter { $0[keyPath: path] = Int($1) } }

        static func double(_ path: WritableKeyPath<Target, Double>) -> Setter { Setter { $0[keyPath: path] = $1 } }
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
            setter.set(&target, values[key]!)
        }
    }
}
