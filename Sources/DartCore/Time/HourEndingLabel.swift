/// Parsing of the ways ERCOT files write an hour ending and its DST flag.
public enum HourEndingLabel {
    /// Parses `1`, `01`, `1:00`, `01:00` … `24:00`. Returns nil for anything else, including
    /// minutes other than `00`, 0 and values over 24.
    public static func parse(_ text: some StringProtocol) -> Int? {
        var hour = 0
        var digits = 0
        var sawColon = false
        var minuteDigits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ":") {
                guard !sawColon, digits > 0 else { return nil }
                sawColon = true
            } else if byte >= 48, byte <= 57 {
                if sawColon {
                    guard byte == 48 else { return nil }
                    minuteDigits += 1
                } else {
                    hour = hour * 10 + Int(byte - 48)
                    digits += 1
                    guard digits <= 2 else { return nil }
                }
            } else if byte == UInt8(ascii: " ") {
                continue
            } else {
                return nil
            }
        }
        guard digits > 0, !sawColon || minuteDigits == 2, (1...24).contains(hour) else { return nil }
        return hour
    }

    /// Parses a DST / repeated-hour flag: `Y`/`N`, `True`/`False`, `1`/`0`, case-insensitive;
    /// empty means `N`. Returns nil for anything else.
    public static func parseRepeatedFlag(_ text: some StringProtocol) -> Bool? {
        switch text.trimmingSpaces.lowercased() {
        case "y", "yes", "true", "1", "t": return true
        case "n", "no", "false", "0", "f", "": return false
        default: return nil
        }
    }
}

extension StringProtocol {
    var trimmingSpaces: Substring {
        var sub = Substring(self)
        while let first = sub.first, first == " " || first == "\t" || first == "\r" { sub.removeFirst() }
        while let last = sub.last, last == " " || last == "\t" || last == "\r" { sub.removeLast() }
        return sub
    }
}
