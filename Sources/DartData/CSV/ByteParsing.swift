import DartCore
import Foundation

/// Allocation-free parsers for the field shapes market files use.
enum ByteParsing {
    private static let exactPowersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// A finite decimal number (`-12.5`, `5100`, `1.2e3`). Returns nil for empty text, `NaN`,
    /// `inf` and anything that is not a whole number token.
    static func double(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = field.count
        guard n > 0, let p = field.baseAddress else { return nil }
        var i = 0
        var negative = false
        if p[0] == 0x2D { negative = true; i = 1 } else if p[0] == 0x2B { i = 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var decimalExponent = 0
        var sawDigit = false
        var sawDot = false
        var overflowed = false
        while i < n {
            let c = p[i]
            if c >= 0x30, c <= 0x39 {
                sawDigit = true
                if significant < 19 {
                    if mantissa != 0 || c != 0x30 { significant += 1 }
                    mantissa = mantissa * 10 + UInt64(c - 0x30)
                    if sawDot { decimalExponent -= 1 }
                } else {
                    overflowed = true
                    if !sawDot { decimalExponent += 1 }
                }
            } else if c == 0x2E, !sawDot {
                sawDot = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return nil }
        if i < n, p[i] == 0x65 || p[i] == 0x45 {
            i += 1
            var exponentNegative = false
            if i < n, p[i] == 0x2D || p[i] == 0x2B { exponentNegative = p[i] == 0x2D; i += 1 }
            var exponent = 0
            var exponentDigits = 0
            while i < n, p[i] >= 0x30, p[i] <= 0x39, exponentDigits < 5 {
                exponent = exponent * 10 + Int(p[i] - 0x30)
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
            decimalExponent += exponentNegative ? -exponent : exponent
        }
        guard i == n else { return nil }
        if !overflowed, mantissa < (1 << 53), decimalExponent >= -22, decimalExponent <= 22 {
            // Exact: both operands are exact doubles, so one rounding (Clinger's fast path).
            let magnitude = decimalExponent < 0
                ? Double(mantissa) / exactPowersOfTen[-decimalExponent]
                : Double(mantissa) * exactPowersOfTen[decimalExponent]
            return negative ? -magnitude : magnitude
        }
        let value = strtod(String(decoding: field, as: UTF8.self), nil)
        return value.isFinite ? value : nil
    }

    /// A non-negative integer of up to 9 digits.
    static func int(_ field: UnsafeBufferPointer<UInt8>) -> Int? {
        guard field.count > 0, field.count <= 9 else { return nil }
        var value = 0
        for byte in field {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    @inline(__always) private static func digits(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var value = 0
        for i in 0..<count {
            let c = p[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            value = value * 10 + Int(c - 0x30)
        }
        return value
    }

    /// `YYYY-MM-DD` or `MM/DD/YYYY`, optionally followed by a time part that is ignored
    /// (`2024-01-01 00:00:00`), as an operating day. Nil when the date does not exist.
    static func day(_ field: UnsafeBufferPointer<UInt8>) -> OperatingDay? {
        guard field.count >= 10, let p = field.baseAddress else { return nil }
        if field.count > 10, p[10] != 0x20, p[10] != 0x54 { return nil }
        if p[4] == 0x2D, p[7] == 0x2D, let y = digits(p, 4), let m = digits(p + 5, 2), let d = digits(p + 8, 2) {
            return OperatingDay(year: y, month: m, day: d)
        }
        if p[2] == 0x2F, p[5] == 0x2F, let m = digits(p, 2), let d = digits(p + 3, 2), let y = digits(p + 6, 4) {
            return OperatingDay(year: y, month: m, day: d)
        }
        return nil
    }

    /// An ISO-8601 UTC instant. Fast path for `YYYY-MM-DDTHH:MM:SSZ`; other spellings go
    /// through `UTCFormat.parse`.
    static func utcInstant(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        if field.count == 20, let p = field.baseAddress, p[10] == 0x54, p[13] == 0x3A, p[16] == 0x3A, p[19] == 0x5A,
           let day = day(UnsafeBufferPointer(start: p, count: 10)),
           let h = digits(p + 11, 2), let m = digits(p + 14, 2), let s = digits(p + 17, 2), h < 24, m < 60, s < 60 {
            return Int64(day.daysSinceEpoch) * 86_400 + Int64(h * 3600 + m * 60 + s)
        }
        return UTCFormat.parse(String(decoding: field, as: UTF8.self))
    }

    /// A local wall-clock time `YYYY-MM-DD HH:MM[:SS]` (or with `T`) as seconds since the
    /// local epoch, with no zone applied.
    static func localWallClock(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard field.count >= 16, let p = field.baseAddress, p[10] == 0x20 || p[10] == 0x54, p[13] == 0x3A,
              let day = day(UnsafeBufferPointer(start: p, count: 10)),
              let h = digits(p + 11, 2), let m = digits(p + 14, 2), h < 24, m < 60 else { return nil }
        var s = 0
        if field.count >= 19 {
            guard p[16] == 0x3A, let sec = digits(p + 17, 2), sec < 60 else { return nil }
            s = sec
            if field.count > 19 {  // fractional seconds only
                guard p[19] == 0x2E, field.count > 20, digits(p + 20, field.count - 20) != nil else { return nil }
            }
        } else if field.count != 16 {
            return nil
        }
        return Int64(day.daysSinceEpoch) * 86_400 + Int64(h * 3600 + m * 60 + s)
    }

    /// Whether a field equals an ASCII string exactly.
    @inline(__always) static func equals(_ field: UnsafeBufferPointer<UInt8>, _ ascii: StaticString) -> Bool {
        guard field.count == ascii.utf8CodeUnitCount else { return false }
        if field.isEmpty { return true }
        return memcmp(field.baseAddress!, ascii.utf8Start, field.count) == 0
    }
}
