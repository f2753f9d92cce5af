import DartCore

extension MarketSettings {
    init(reading reader: ObjectReader) {
        let defaults = MarketSettings.defaults
        self.init(
            damPublishTime: reader.timeOfDay("dam_publish_time", defaults.damPublishTime),
            rtPublicationLagMinutes: reader.int("rt_publication_lag_minutes", defaults.rtPublicationLagMinutes, in: 0...1440),
            rtIntervalPublicationLagMinutes: reader.int("rt_interval_publication_lag_minutes",
                                                        defaults.rtIntervalPublicationLagMinutes, in: 0...1440),
            dayaheadIssueTime: reader.timeOfDay("dayahead_issue_time", defaults.dayaheadIssueTime),
            hourlyIssueMinute: reader.int("hourly_issue_minute", defaults.hourlyIssueMinute, in: 0...59),
            settlementPoints: Self.readPoints(reader, defaults.settlementPoints))
        if dayaheadIssueTime >= damPublishTime, let found = reader.member("dayahead_issue_time") {
            reader.context.warn(.suspicious, reader.childPath("dayahead_issue_time"), at: found,
                "the day-ahead product is issued at or after dam_publish_time, when the DAM prices of the day are already known")
        }
    }

    private static func readPoints(_ reader: ObjectReader, _ fallback: [SettlementPoint]) -> [SettlementPoint] {
        let key = "settlement_points"
        guard let elements = reader.array(key, expected: "an array of settlement point names") else { return fallback }
        guard !elements.isEmpty else {
            reader.invalid(key, reader.member(key) ?? reader.node, "list at least one settlement point, such as \"HB_HOUSTON\"")
            return fallback
        }
        var points: [SettlementPoint] = []
        for (position, element) in elements.enumerated() {
            let elementKey = "\(key)[\(position)]"
            guard case .string(let name) = element.value else { reader.wrongType(elementKey, element, expected: "a string"); return fallback }
            guard let point = SettlementPoint(name) else {
                reader.invalid(elementKey, element, value: name, "\"\(name)\" is not a settlement point name (A–Z, 0–9, _, - or ., such as HB_HOUSTON)")
                return fallback
            }
            guard !points.contains(point) else {
                reader.invalid(elementKey, element, value: name, "\(name) is listed twice; keep one")
                return fallback
            }
            points.append(point)
        }
        return points
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("dam_publish_time", .string(damPublishTime.description)),
            ("rt_publication_lag_minutes", .number(rtPublicationLagMinutes)),
            ("rt_interval_publication_lag_minutes", .number(rtIntervalPublicationLagMinutes)),
            ("dayahead_issue_time", .string(dayaheadIssueTime.description)),
            ("hourly_issue_minute", .number(hourlyIssueMinute)),
            ("settlement_points", .strings(settlementPoints.map(\.name))),
        ])
    }
}
