import DartFeatures
import Testing
@testable import DartModels

@Test func rowDigestMatchesAnIndependentComputation() {
    // Python: sha256(b"dartcast-rows-v1\na\nb\n" + pack("<QQ", 2, 2) + pack("<4f", 1, 2, 3, nan) + pack("<2f", 0.5, -1))
    let features = FeatureMatrix(names: ["a", "b"], rowCount: 2, values: [1, 2, 3, .nan])
    #expect(RowDigest.sha256(features: features, target: [0.5, -1])
        == "626cac7136aa99aea5dca32430c348677dc2dd56c86b06ee4d9e6fdbd54f62fa")
}

@Test func rowDigestChangesWithValuesNamesAndTargetsButNotNaNPayloads() {
    let base = FeatureMatrix(names: ["a", "b"], rowCount: 2, values: [1, 2, 3, .nan])
    let digest = RowDigest.sha256(features: base, target: [0.5, -1])
    var changedValue = base
    changedValue[0, 0] = 1.0001
    var otherNaN = base
    otherNaN[1, 1] = Float(nan: 0x123, signaling: false)
    let renamed = FeatureMatrix(names: ["b", "a"], rowCount: 2, values: base.values)
    #expect(RowDigest.sha256(features: changedValue, target: [0.5, -1]) != digest)
    #expect(RowDigest.sha256(features: renamed, target: [0.5, -1]) != digest)
    #expect(RowDigest.sha256(features: base, target: [0.5, -2]) != digest)
    #expect(RowDigest.sha256(features: otherNaN, target: [0.5, -1]) == digest)
}

@Test func rowDigestHandlesMoreRowsThanOneChunk() {
    let rowCount = 20_000
    let values = (0..<(rowCount * 3)).map { Float($0) }
    let features = FeatureMatrix(names: ["x", "y", "z"], rowCount: rowCount, values: values)
    let target = [Float](repeating: 1, count: rowCount)
    var changedLast = features
    changedLast[rowCount - 1, 2] = -1
    #expect(RowDigest.sha256(features: features, target: target) == RowDigest.sha256(Dataset(features: features, target: target)))
    #expect(RowDigest.sha256(features: features, target: target) != RowDigest.sha256(features: changedLast, target: target))
}
