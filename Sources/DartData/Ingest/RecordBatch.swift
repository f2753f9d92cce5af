import Foundation
/// Which table a batch goes to and which value columns it supplies.
enum RecordKind: Sendable, Hashable {
    /// Hourly prices keyed by (point, hour start); `first` = DAM, `second` = hourly RT (NaN when
    /// the file does not supply that column).
    case hourlyPrice(suppliesDAM: Bool, suppliesRTM: Bool)
    /// 15-minute RT prices keyed by (point, interval start); `first` = price.
    case rtInterval
    /// Exogenous postings keyed by (series, target hour, posted at); `first` = value.
    case exogenous
}

/// Parsed records of one file, column-wise. Names (points or series) are interned to indices.
struct RecordBatch {
    let kind: RecordKind
    private(set) var names: [String] = []
    private var nameIndexByText: [String: Int32] = [:]
    private var lastNameBytes: [UInt8] = []
    private var lastNameIndex: Int32 = -1

    var name: [Int32] = []
    /// Hour start or interval start, UTC seconds.
    var time: [Int64] = []
    /// Posting time for exogenous records, else 0.
    var postedAt: [Int64] = []
    var first: [Double] = []
    var second: [Double] = []
    var line: [Int32] = []

    init(kind: RecordKind) { self.kind = kind }

    var count: Int { name.count }

    mutating func reserve(_ capacity: Int) {
        name.reserveCapacity(capacity); time.reserveCapacity(capacity); postedAt.reserveCapacity(capacity)
        first.reserveCapacity(capacity); second.reserveCapacity(capacity); line.reserveCapacity(capacity)
    }

    /// Index of a name given as bytes; reuses the previous lookup when the name repeats (rows
    /// come grouped by point), so no String is built per row.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if lastNameIndex >= 0, bytes.count == lastNameBytes.count,
           lastNameBytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
            return lastNameIndex
        }
        let index = intern(String(decoding: bytes, as: UTF8.self))
        lastNameBytes = Array(bytes)
        lastNameIndex = index
        return index
    }

    mutating func intern(_ text: String) -> Int32 {
        if let index = nameIndexByText[text] { return index }
        let index = Int32(names.count)
        names.append(text)
        nameIndexByText[text] = index
        lastNameIndex = -1
        return index
    }

    mutating func append(name: Int32, time: Int64, postedAt: Int64 = 0, first: Double, second: Double = .nan, line: Int) {
        self.name.append(name)
        self.time.append(time)
        self.postedAt.append(postedAt)
        self.first.append(first)
        self.second.append(second)
        self.line.append(Int32(truncatingIfNeeded: line))
    }

    /// Appends a copy of record `index` of `other` (same kind and name indices).
    @inline(__always) mutating func append(recordAt index: Int, of other: RecordBatch) {
        name.append(other.name[index]); time.append(other.time[index]); postedAt.append(other.postedAt[index])
        first.append(other.first[index]); second.append(other.second[index]); line.append(other.line[index])
    }

    @inline(__always) func keyLess(_ a: Int, _ b: Int) -> Bool {
        if name[a] != name[b] { return name[a] < name[b] }
        if time[a] != time[b] { return time[a] < time[b] }
        return postedAt[a] < postedAt[b]
    }

    @inline(__always) func sameKey(_ a: Int, _ b: Int) -> Bool {
        name[a] == name[b] && time[a] == time[b] && postedAt[a] == postedAt[b]
    }

    @inline(__always) func sameValues(_ a: Int, _ b: Int) -> Bool {
        sameValue(first[a], first[b]) && sameValue(second[a], second[b])
    }

    /// Record indices in key order (name, time, posted at).
    func sortedOrder() -> [Int] {
        var order = Array(0..<count)
        var sorted = true
        var index = 1
        while index < count, sorted { sorted = !keyLess(index, index - 1); index += 1 }
        if !sorted { order.sort { keyLess($0, $1) } }
        return order
    }
}

/// Equal values, treating NaN as equal to NaN; a difference under a millionth of a dollar (or
/// MW) is float noise from averaging, not a correction.
@inline(__always) func sameValue(_ a: Double, _ b: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return abs(a - b) <= 1e-6
}
