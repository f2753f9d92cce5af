import Foundation

/// The market's time zone (America/Chicago for ERCOT), with its UTC offsets precomputed so
/// label ⇄ instant conversions are a binary search, not a calendar call.
///
/// Offsets come from the system's tz database through Foundation, between 1970 and 2100.
public struct MarketTimeZone: Sendable, Hashable {
    public let identifier: String
    /// UTC seconds at which an offset starts, ascending.
    let transitionStarts: [Int64]
    /// Offset from UTC (seconds) in force from the matching transition on.
    let offsets: [Int32]

    /// ERCOT's zone, Central Prevailing Time.
    public static let ercot = MarketTimeZone(identifier: "America/Chicago")!

    /// Fails when the identifier is not an IANA zone known to the system.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        var starts: [Int64] = [Int64.min]
        let first = Date(timeIntervalSince1970: 0)
        var offs: [Int32] = [Int32(zone.secondsFromGMT(for: first))]
        var cursor = first
        let end = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end {
            let offset = Int32(zone.secondsFromGMT(for: next))
            if offset != offs.last {
                starts.append(Int64(next.timeIntervalSince1970.rounded()))
                offs.append(offset)
            }
            cursor = next
        }
        transitionStarts = starts
        offsets = offs
    }

    /// UTC offset in seconds at a UTC instant.
    public func offset(atUTC seconds: Int64) -> Int {
        var low = 0, high = transitionStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if transitionStarts[mid] <= seconds { low = mid } else { high = mid - 1 }
        }
        return Int(offsets[low])
    }

    /// The UTC instant of local midnight starting `day`. Midnight is never inside a DST gap in
    /// the zones this project serves; if it were, the first instant after the gap is used.
    public func startOfDayUTC(_ day: OperatingDay) -> Int64 {
        let localMidnight = Int64(day.daysSinceEpoch) * 86_400
        // Try the offset that holds a day either side; the one that maps back to midnight wins.
        for guess in [offset(atUTC: localMidnight - 43_200), offset(atUTC: localMidnight + 43_200)] {
            let utc = localMidnight - Int64(guess)
            if Int64(offset(atUTC: utc)) == Int64(guess) { return utc }
        }
        return localMidnight - Int64(offset(atUTC: localMidnight))
    }

    /// Local wall-clock seconds since epoch for a UTC instant.
    public func localSeconds(utc: Int64) -> Int64 { utc + Int64(offset(atUTC: utc)) }

    /// The operating day a UTC instant falls in.
    public func operatingDay(containing utc: Int64) -> OperatingDay {
        let local = localSeconds(utc: utc)
        return OperatingDay(daysSinceEpoch: Int(floorDiv(local, 86_400)))
    }

    /// Every delivery hour of an operating day, in time order: 23, 24 or 25 of them.
    public func hours(of day: OperatingDay) -> [MarketHour] {
        let start = startOfDayUTC(day)
        let end = startOfDayUTC(day.adding(days: 1))
        var result: [MarketHour] = []
        result.reserveCapacity(25)
        var previousLocalHour = -1
        var utc = start
        while utc < end {
            let localHour = Int(floorMod(localSeconds(utc: utc), 86_400) / 3600)
            let repeated = localHour == previousLocalHour
            result.append(MarketHour(utcStart: utc, operatingDay: day, hourEnding: localHour + 1, isRepeatedHour: repeated))
            previousLocalHour = localHour
            utc += 3600
        }
        return result
    }

    /// The market hour containing a UTC instant (any second inside the hour).
    public func marketHour(containing utc: Int64) -> MarketHour {
        let hourStart = floorDiv(utc, 3600) * 3600
        let day = operatingDay(containing: hourStart)
        let localHour = Int(floorMod(localSeconds(utc: hourStart), 86_400) / 3600)
        let previousLocalHour = Int(floorMod(localSeconds(utc: hourStart - 3600), 86_400) / 3600)
        let repeated = localHour == previousLocalHour
        return MarketHour(utcStart: hourStart, operatingDay: day, hourEnding: localHour + 1, isRepeatedHour: repeated)
    }

    /// The market hour for a label. Throws when the label names no real hour: HE outside 1…24,
    /// HE 3 on a spring-forward day, or a repeated-hour flag on an hour that is not repeated.
    public func marketHour(day: OperatingDay, hourEnding: Int, isRepeatedHour: Bool) throws(MarketTimeError) -> MarketHour {
        guard (1...24).contains(hourEnding) else {
            throw MarketTimeError(.hourEndingOutOfRange, "hour ending \(hourEnding) on \(day) is outside 1…24")
        }
        let start = startOfDayUTC(day)
        // Hours of a day are at most 25; find by label without building the array.
        var previousLocalHour = -1
        var utc = start
        let end = startOfDayUTC(day.adding(days: 1))
        var sawHourEnding = false
        while utc < end {
            let localHour = Int(floorMod(localSeconds(utc: utc), 86_400) / 3600)
            let repeated = localHour == previousLocalHour
            if localHour + 1 == hourEnding {
                sawHourEnding = true
                if repeated == isRepeatedHour {
                    return MarketHour(utcStart: utc, operatingDay: day, hourEnding: hourEnding, isRepeatedHour: repeated)
                }
            }
            previousLocalHour = localHour
            utc += 3600
        }
        if !sawHourEnding {
            throw MarketTimeError(.hourDoesNotExist,
                "hour ending \(hourEnding) does not exist on \(day) (the clock skips it when daylight saving starts)")
        }
        throw MarketTimeError(.repeatedFlagOnOrdinaryHour,
            "hour ending \(hourEnding) on \(day) is not the repeated fall-back hour; its DST flag must be N")
    }
}

@inline(__always) func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

@inline(__always) func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
