/// An ordered list of `key=value` parameters for a native library, where later keys override earlier ones.
struct NativeParameters {
    private(set) var pairs: [(key: String, value: String)] = []

    /// Sets `key`, replacing an earlier value in place.
    mutating func set(_ key: String, _ value: String) {
        if let index = pairs.firstIndex(where: { $0.key == key }) {
            pairs[index].value = value
        } else {
            pairs.append((key, value))
        }
    }

    /// Applies raw overrides after validating that each survives the library's `key=value` syntax.
    mutating func override(with raw: [String: String], library: BoostingLibrary) throws {
        for key in raw.keys.sorted() {
            let value = raw[key]!
            let badKey = key.isEmpty || key.contains(where: { $0.isWhitespace || $0 == "=" })
            if badKey || value.isEmpty || value.contains(where: \.isWhitespace) {
                throw BoostingError(
                    code: .invalidHyperparameter, library: library, key: key, value: value,
                    hint: "Raw parameter '\(key)' = '\(value)' must be a non-empty key without spaces or '=' "
                        + "and a non-empty value without spaces.")
            }
            set(key, value)
        }
    }

    /// LightGBM's `key1=value1 key2=value2` form.
    var spaceSeparated: String {
        pairs.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
