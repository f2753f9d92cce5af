extension MarketTimeZone {
    /// The UTC instant of a local wall-clock time on `day` (`minuteOfDay` minutes after local
    /// midnight). An ambiguous time (inside the repeated fall-back hour) maps to its first
    /// occurrence; a time inside the spring-forward gap maps to the same wall-clock minute
    /// counted in the offset before the gap, which lands just after the gap.
    public func utc(localDay day: OperatingDay, minuteOfDay: Int) -> Int64 {
        let local = Int64(day.daysSinceEpoch) * 86_400 + Int64(minuteOfDay) * 60
        // The offset in force a day before is the earlier offset; prefer it when it maps back.
        let earlier = Int64(offset(atUTC: local - 86_400 - 43_200))
        let later = Int64(offset(atUTC: local + 86_400 + 43_200))
        for guess in [earlier, later] where Int64(offset(atUTC: local - guess)) == guess {
            return local - guess
        }
        return local - earlier
    }
}
