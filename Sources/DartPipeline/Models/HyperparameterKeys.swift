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

        /// A loss scale in $/MWh: 0 means `zeroMeans`, a positive value goes to `apply`, and a
        /// negative one is an error that `apply(_:to:)` names with the family and key.
        static func lossScale(zeroMeans: String, positiveMeans: String, _ apply: @escaping (inout Target, Double) -> Void) -> Setter {
            Setter { target, value in
                guard value >= 0 else { throw OutOfRange(hint: "use 0 for \(zeroMeans) or a positive \(positiveMeans)") }
                apply(&target, value)
            }
        }
    }

    /// A setter's refusal of a value; `apply(_:to:)` adds where the value came from.
    struct OutOfRange: Error {
        let hint: String
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
            do {
                try setter.set(&target, values[key]!)
            } catch let refused as OutOfRange {
                throw PipelineError(.configuration, "\(family) \(key) (models.hyperparameters or models.hourly_hyperparameters) is \(values[key]!); \(refused.hint)")
            }
        }
    }
}
