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
    public var names: [String] { descriptors.map(\.name) }

    public func descriptor(named name: String) -> (any ModelFamilyDescriptor)? {
        descriptors.first { $0.name == name }
    }

    /// Adds a family; two families with one name are a programming error.
    public mutating func register(_ descriptor: any ModelFamilyDescriptor) {
        precondition(self.descriptor(named: descriptor.name) == nil, "model family '\(descriptor.name)' is registered twice")
        descriptors.append(descriptor)
    }

    /// This table with one more family.
    public func registering(_ descriptor: any ModelFamilyDescriptor) -> ModelFamilyTable {
        var table = self
        table.register(descriptor)
        return table
    }
}
