import DartCore

extension FeatureSettings {
    init(reading reader: ObjectReader) {
        let defaults = FeatureSettings.defaults
        self.init(groups: Self.readGroups(reader, defaults.groups),
                  regimeDates: Self.readRegimeDates(reader, defaults.regimeDates))
    }

    /// Group names, each once; an empty list switches every optional group off.
    private static func readGroups(_ reader: ObjectReader, _ fallback: [FeatureGroup]) -> [FeatureGroup] {
        let key = "groups"
        let names = reader.stringArray(key, fallback.map(\.rawValue))
        guard let found = reader.member(key) else { return fallback }
        var groups: [FeatureGroup] = []
        for (position, name) in names.enumerated() {
            let elementKey = "\(key)[\(position)]"
            guard let group: FeatureGroup = reader.parseChoice(name, key: elementKey, at: found) else { return fallback }
            guard !groups.contains(group) else {
                reader.invalid(elementKey, found, value: name, "\(name) is listed twice; keep one")
                return fallback
            }
            groups.append(group)
        }
        return groups
    }

    /// `YYYY-MM-DD` dates, strictly ascending; an empty list means no rule change.
    private static func readRegimeDates(_ reader: ObjectReader, _ fallback: [OperatingDay]) -> [OperatingDay] {
        let key = "regime_dates"
        let texts = reader.stringArray(key, fallback.map(\.description))
        guard let found = reader.member(key) else { return fallback }
        var dates: [OperatingDay] = []
        for (position, text) in texts.enumerated() {
            let elementKey = "\(key)[\(position)]"
            guard let day = OperatingDay(text), day.description == text else {
                reader.invalid(elementKey, found, value: text, "\"\(text)\" is not a date; write YYYY-MM-DD, such as \"2025-12-05\"")
                return fallback
            }
            if let previous = dates.last, previous >= day {
                reader.invalid(elementKey, found, value: text,
                               "\(text) is not after \(previous); list each date once, in ascending order")
                return fallback
            }
            dates.append(day)
        }
        return dates
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("groups", .strings(groups.map(\.rawValue))),
            ("regime_dates", .strings(regimeDates.map(\.description))),
        ])
    }
}
