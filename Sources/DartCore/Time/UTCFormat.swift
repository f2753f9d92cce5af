/// ISO-8601 formatting and parsing of UTC seconds, without Foundation formatters (hot path).
public enum UTCFormat {
    /// `2024-11-03T07:00:00Z`.
    public static func iso8601(_ seconds: Int64) -> String {
        let day = OperatingDay(daysSinceEpoch: Int(floorDiv(seconds, 86_400)))
        let secondOfDay = Int(floorMod(seconds, 86_400))
        let h = secondOfDay / 3600, m = secondOfDay / 60 % 60, s = secondOfDay % 60
        return "\(day)T\(OperatingDay.pad(h, 2)):\(OperatingDay.pad(m, 2)):\(OperatingDay.pad(s, 2))Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS][Z|+00:00]` or with a space for `T`, as UTC when no offset
    /// is given. Returns nil when it does not match.
    public static func parse(_ text: some StringProtocol) -> Int64? {
        let bytes = Array(text.trimmingSpaces.utf8)
        guard bytes.count >= 16, let day = OperatingDay(String(decoding: bytes[0..<10], as: UTF8.self)),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") else { return nil }
        func two(_ at: Int) -> Int? {
            guard at + 1 < bytes.count else { return nil }
            let a = bytes[at], b = bytes[at + 1]
            guard (48...57).contains(a), (48...57).contains(b) else { return nil }
            return Int(a - 48) * 10 + Int(b - 48)
        }
        guard let h = two(11), bytes[13] == UInt8(ascii: ":"), let m = two(14), h < 24, m < 60 else { return nil }
        var index = 16
        var s = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let sec = two(index + 1), sec < 60 else { return nil }
            s = sec
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {  // fractional seconds: dropped
                index += 1
                while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            }
        }
        var offset = 0
        if index < bytes.count {
            let sign = bytes[index]
            if sign == UInt8(ascii: "Z") {
                index += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                guard let oh = two(index + 1) else { return nil }
                var om = 0
                if index + 3 < bytes.count, bytes[index + 3] == UInt8(ascii: ":") {
                    guard let mm = two(index + 4) else { return nil }
                    om = mm; index += 6
                } else if let mm = two(index + 3) {
                    om = mm; index += 5
                } else {
                    index += 3
                }
                offset = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "+") ? 1 : -1)
            }
            guard index == bytes.count else { return nil }
        }
        return Int64(day.daysSinceEpoch) * 86_400 + Int64(h * 3600 + m * 60 + s) - Int64(offset)
    }
}
