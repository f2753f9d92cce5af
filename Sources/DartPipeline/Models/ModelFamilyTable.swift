import DartConfig
import DartCore

/// The trainable model families, by name: what the pipeline trains, tunes and reloads.
///
/// Add a family by writing one `ModelFamilyDescriptor` and one line in `standard`.
public struct ModelFamilyTable: Sendable, ExpressibleByArrayLiteral {
    /// The families dartcast ships, in training and reporting order.
    public static let standard: ModelFamilyTable = [
        LightGBMFamily(),
        XGBoostFamily(),
        MLPFamily(),
    ]

    public private(set) var descriptors: [any ModelFamilyDescriptor]

    public init(arrayLiteral descriptors: any ModelFamilyDescriptor...) {
        self.descriptors = []
        for descriptor in descriptors { register(descriptor) }
    }

    /// Family names in registration order.
    public var names: [ModelFamilyName] { descriptors.map(\.name) }

    /// Every name a registry of this dartcast can hold: the registered families, then the
    /// ensemble and the baselines (which always run and are never configured).
    public var knownNames: [ModelFamilyName] { names + [.ensemble] + ModelFamilyName.baselines }

    public func descriptor(named name: ModelFamilyName) -> (any ModelFamilyDescriptor)? {
        descriptors.first { $0.name == name }
    }

    /// Adds a family; two families with one name are a programming error.
    public mutating func register(_ descriptor: any ModelFamilyDescriptor) {
        precondition(self.descriptor(named: descriptor.name) == nil, "model family '\(descriptor.name)' is registered twice")
        descriptors.append(descriptor)
    }

    /// Every family the settings name (`models.families`, and the keys of `models.hyperparameters`
    /// and `models.hourly_hyperparameters`) that is not registered here: the settings key and
    /// what to write instead.
    public func unknownFamilies(in settings: ModelSettings) -> [(path: String, message: String)] {
        let choices = "use one of \(names.map(\.rawValue).joined(separator: ", "))"
        var problems: [(path: String, message: String)] = []
        for (position, family) in settings.families.enumerated() where descriptor(named: family) == nil {
            problems.append(("models.families[\(position)]", "\"\(family)\" is not a registered model family; \(choices)"))
        }
        for (key, table) in [("hyperparameters", settings.hyperparameters), ("hourly_hyperparameters", settings.hourlyHyperparameters)] {
            for family in table.keys.sorted(by: { $0.rawValue < $1.rawValue }) where descriptor(named: family) == nil {
                problems.append(("models.\(key).\(family)", "\"\(family)\" is not a registered model family; \(choices)"))
            }
        }
        return problems
    }

    /// - Throws: `PipelineError(.configuration)` naming each unknown family's settings key and
    ///   the registered families (`unknownFamilies(in:)`).
    public func validate(_ settings: ModelSettings) throws {
        let problems = unknownFamilies(in: settings)
        guard problems.isEmpty else {
            throw PipelineError(.configuration, problems.map { "\($0.path): \($0.message)" }.joined(separator: "; "))
        }
    }

    /// This table with one more family.
    public func registering(_ descriptor: any ModelFamilyDescriptor) -> ModelFamilyTable {
        var table = self
        table.register(descriptor)
        return table
    }
}
