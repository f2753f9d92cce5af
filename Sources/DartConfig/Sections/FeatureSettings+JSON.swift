import DartCore

extension FeatureSettings {
    init(reading reader: ObjectReader) {
        let defaults = FeatureSettings.defaults
        self.init(groups: Self.readGroups(reader, defaults.groups),
                  regimeDates: Self.readRegimeDates(reader, defaults.regimeDates),
                  exclude: Self.readExclude(reader, "exclude", defaults.exclude),
                  hourlyExclude: Self.readExclude(reader, "hourly_exclude", defaults.hourlyExclude))
    }

    /// Group names, each once; an empty list switches every optional group off.
    private static func readGroups(_ reader: ObjectReader, _ fallback: [FeatureGroup]) -> [FeatureGroup] {
        readList(reader, "groups", fallback, text: \.rawValue) { name, key, earlier, node in
            guard let group: FeatureGroup = reader.parseChoice(name, key: key, at: node) else { return nil }
            guard !earlier.contains(group) else {
                reader.invalid(key, node, value: name, "\(name) is listed twice; keep one")
                return nil
            }
            return group
        }
    }

    /// Column names, each once (the feature builder checks that it makes them).
    private static func readExclude(_ reader: ObjectReader, _ key: String, _ fallback: [String]) -> [String] {
        readList(reader, key, fallback, text: { $0 }) { name, key, earlier, node in
            guard !earlier.contains(name) else {
                reader.invalid(key, node, value: name, "\(name) is listed twice; keep one")
                return nil
            }
            return name
        }
    }

    /// `YYYY-MM-DD` dates, strictly ascending; an empty list means no rule change.
    private static func readRegimeDates(_ reader: ObjectReader, _ fallback: [OperatingDay]) -> [OperatingDay] {
        readList(reader, "regime_dates", fallback, text: \.description) { text, key, earlier, node in
            guard let day = OperatingDay(text), day.description == text else {
                reader.invalid(key, node, value: text, "\"\(text)\" is not a date; write YYYY-MM-DD, such as \"2025-12-05\"")
                return nil
            }
            if let previous = earlier.last, previous >= day {
                reader.invalid(key, node, value: text, "\(text) is not after \(previous); list each date once, in ascending order")
                return nil
            }
            return day
        }
    }

    /// An array of strings under `key`, each read by `parse` (given the text, its element path,
    /// the values read before it and the array's node), which records its own problem and returns
    /// nil; any problem keeps `fallback`.
    private static func readList<Value>(_ reader: ObjectReader, _ key: String, _ fallback: [Value], text: (Value) -> String,
                                        parse: (String, String, [Value], JSONNode) -> Value?) -> [Value] {
        let texts = reader.stringArray(key, fallback.map(text))
        guard let found = reader.member(key) else { return fallback }
        var values: [Value] = []
        for (position, item) in texts.enumerated() {
            guard let value = parse(item, "\(key)[\(position)]", values, found) else { return fallback }
            values.append(value)
        }
        return values
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("groups", .strings(groups.map(\.rawValue))),
            ("regime_dates", .strings(regimeDates.map(\.description))),
            ("exclude", .strings(exclude)),
            ("hourly_exclude", .strings(hourlyExclude)),
        ])
    }
}
