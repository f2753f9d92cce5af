import DartCore

/// What a local wall-clock time is on a given day: one instant, two (the fall-back hour), or
/// none (the spring-forward gap).
enum WallClockResolution: Hashable, Sendable {
    case unique(Int64)
    /// First (daylight) and second (standard) occurrence, UTC seconds.
    case repeated(first: Int64, second: Int64)
    /// The time is skipped; `firstInstantAfterGap` is the UTC instant the clock jumps to.
    case gap(firstInstantAfterGap: Int64)
}

extension MarketTimeZone {
    /// Resolves local wall-clock seconds since the epoch (as if the local clock were UTC) to UTC.
    func resolve(localSeconds local: Int64) -> WallClockResolution {
        // Offsets in force a day either side cover every transition these zones have.
        let before = offset(atUTC: local - 86_400), after = offset(atUTC: local + 86_400)
        var instants: [Int64] = []
        for candidate in Set([before, after]) {
            let utc = local - Int64(candidate)
            if offset(atUTC: utc) == candidate { instants.append(utc) }
        }
        instants.sort()
        switch instants.count {
        case 1: return .unique(instants[0])
        case 2: return .repeated(first: instants[0], second: instants[1])
        default: return .gap(firstInstantAfterGap: transitionInstant(between: local - Int64(max(before, after)),
                                                                      and: local - Int64(min(before, after))))
        }
    }

    /// The first UTC second in `(low, high]` whose offset differs from the offset at `low`.
    private func transitionInstant(between low: Int64, and high: Int64) -> Int64 {
        let startOffset = offset(atUTC: low)
        var low = low, high = high
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if offset(atUTC: mid) == startOffset { low = mid } else { high = mid }
        }
        return high
    }
}
