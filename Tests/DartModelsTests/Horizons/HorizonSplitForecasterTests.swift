import DartCore
import DartFeatures
import Foundation
import Testing
@testable import DartModels

/// One booster per lead bucket: rows go to their bucket's model only, round keys carry the
/// bucket, and a saved split reloads to the same forecasts.
@Suite struct HorizonSplitForecasterTests {
    /// Leads 1–24 (issued at :05, so 0.917 h … 23.917 h); the target follows `x` with a slope
    /// that flips sign at lead 3, which one pooled model of a few shallow trees cannot follow.
    static func rows(_ count: Int, seed: UInt64 = 7) -> Dataset {
        var random = SplitMix64(seed: seed)
        var values: [Float] = [], target: [Float] = []
        for row in 0..<count {
            let lead = row % 24 + 1
            let x = Float(random.uniform() * 20 - 10)
            values += [Float(lead) - 5 / 60, x]
            target.append(lead <= 2 ? 3 * x : -x)
        }
        return Dataset(features: FeatureMatrix(names: ["horizon_hours", "x"], rowCount: count, values: values), target: target)
    }

    static func member(rounds: Int = 30) -> LightGBMForecaster {
        var h = LightGBMHyperparameters()
        (h.numThreads, h.maxRounds, h.earlyStoppingRounds, h.trainIntervals, h.minDataInLeaf) = (1, rounds, 0, false, 5)
        return LightGBMForecaster(hyperparameters: h, logger: BoostingFamilyUnderTest.quietLogger)
    }

    static func split(_ bounds: [Int] = [2, 6]) throws -> HorizonSplitForecaster {
        let bounds = try HorizonBucketBounds(upperBounds: bounds)
        return HorizonSplitForecaster(bounds: bounds, members: (0..<bounds.count).map { _ in member() })
    }

    @Test func boundsLabelBucketsAndRefuseDisorder() throws {
        let bounds = try HorizonBucketBounds(upperBounds: [2, 6])
        #expect((0..<3).map(bounds.label) == ["1-2", "3-6", "7+"])
        #expect([1, 2, 3, 6, 7, 24].map { bounds.bucket(lead: $0) } == [0, 0, 1, 1, 2, 2])
        for bad in [[6, 2], [2, 2], [0, 3]] {
            #expect(throws: HorizonSplitError.self) { try HorizonBucketBounds(upperBounds: bad) }
        }
        // A :05 issue's first target (0.917 h) is lead 1; 2.0 h exactly is still lead 2.
        let features = FeatureMatrix(names: ["horizon_hours"], rowCount: 4, values: [0.9167, 1.9167, 2.0, 6.9167])
        #expect(try bounds.rowsByBucket(features) == [[0, 1, 2], [], [3]])
    }

    @Test func eachBucketIsForecastByItsOwnModel() throws {
        let train = Self.rows(4_800), test = Self.rows(480, seed: 9)
        let split = try Self.split()
        try split.fit(train: train, validation: nil)
        let forecast = try split.predict(test.features)
        let rows = try split.bounds.rowsByBucket(test.features)
        for (bucket, indices) in rows.enumerated() {
            // The member alone, on its own rows, gives exactly the split's forecasts there.
            let alone = try split.members[bucket].predict(test.features.rows(indices)).p50
            #expect(indices.enumerated().allSatisfy { forecast.p50[$0.element] == alone[$0.offset] })
        }
        // The 1–2 h member trained on those rows only: it learned their slope, +3 · x, and the
        // 3–6 h member only −x.
        let x = test.features.column(named: "x")!
        let short = rows[0].filter { abs(test.features[$0, x]) > 5 }
        #expect(!short.isEmpty && short.allSatisfy { forecast.p50[$0] * test.features[$0, x] > 0 })
        let shortAsMid = try split.members[1].predict(test.features.rows(short)).p50
        #expect(zip(short, shortAsMid).allSatisfy { row, p in p * test.features[row, x] < 0 })
        // The open 7+ member trained on every lead: it is the pooled model (deterministic fits).
        let pooled = Self.member()
        try pooled.fit(train: train, validation: nil)
        #expect(try split.members[2].predict(test.features).p50 == pooled.predict(test.features).p50)
        let mae = { (p: [Float]) in zip(p, test.target).map { abs($0 - $1) }.reduce(0, +) / Float(p.count) }
        #expect(mae(forecast.p50) < mae(try pooled.predict(test.features).p50))
    }

    @Test func roundKeysCarryTheBucketAndCutEachMemberOnItsOwn() throws {
        let train = Self.rows(2_400), validation = Self.rows(480, seed: 11)
        let split = try Self.split()
        try split.fit(train: train, validation: validation)
        #expect(Set(split.validationCurves.keys) == ["p50@1-2", "p50@3-6", "p50@7+"])
        #expect(split.validationCurves.values.allSatisfy { $0.count == 30 })
        // Staged curves on the same rows equal the recorded ones, key by key.
        let staged = try split.validationCurves(on: validation)
        for (key, curve) in split.validationCurves {
            #expect(zip(curve, staged[key]!).allSatisfy { abs($0 - $1) < 1e-3 }, "\(key)")
        }
        let cut = ["p50@1-2": 5, "p50@3-6": 12, "p50@7+": 30]
        let held = try split.predict(validation.features, rounds: cut)
        try split.keepRounds(cut)
        #expect(split.bestIterations == cut)
        #expect(try split.predict(validation.features).p50 == held.p50)
    }

    @Test func aSavedSplitReloadsFromOneFlatFolderToTheSameForecasts() throws {
        let split = try Self.split()
        try split.fit(train: Self.rows(2_400), validation: nil)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("split-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try split.save(to: directory)
        // Flat: the registry copies files by name into one folder.
        #expect(files.allSatisfy { $0.path == directory.appendingPathComponent($0.lastPathComponent).path })
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == Set(files.map(\.lastPathComponent)))
        #expect(files.contains { $0.lastPathComponent == "leads-1-2.lightgbm-p50.txt" })
        #expect(HorizonSplitForecaster.isSaved(in: directory))
        let loaded = try HorizonSplitForecaster.load(from: directory) { try LightGBMForecaster.load(from: directory, fileNamePrefix: $0, logger: BoostingFamilyUnderTest.quietLogger) }
        let test = Self.rows(240, seed: 3).features
        #expect(try loaded.predict(test).p50 == split.predict(test).p50)
        #expect(loaded.bounds == split.bounds && loaded.family == .lightgbm)

        // A missing bucket file is named.
        try FileManager.default.removeItem(at: directory.appendingPathComponent("leads-3-6.lightgbm-p50.txt"))
        let error = try #require(throws: HorizonSplitError.self) {
            try HorizonSplitForecaster.load(from: directory) { try LightGBMForecaster.load(from: directory, fileNamePrefix: $0, logger: BoostingFamilyUnderTest.quietLogger) }
        }
        #expect(error.code == .invalidArtifact && error.message.contains("leads-3-6.lightgbm-p50.txt"))
    }

    @Test func aSplitSavedInFormatOneStillLoads() throws {
        let split = try Self.split()
        try split.fit(train: Self.rows(2_400), validation: nil)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("split-v1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try split.save(to: directory)
        // Format 1 listed every name without its bucket prefix, in both sidecars.
        func rewrite(_ name: String, _ edit: (inout [String: Any]) -> Void) throws {
            let url = directory.appendingPathComponent(name)
            var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            edit(&json)
            try JSONSerialization.data(withJSONObject: json).write(to: url)
        }
        let prefixes = ["leads-1-2.", "leads-3-6.", "leads-7+."]
        let strip = { (name: String) in prefixes.reduce(name) { $0.hasPrefix($1) ? String($0.dropFirst($1.count)) : $0 } }
        for prefix in prefixes {
            try rewrite(prefix + "lightgbm.json") { json in
                json["modelFiles"] = (json["modelFiles"] as? [String: String])?.mapValues(strip)
            }
        }
        try rewrite(HorizonSplitForecaster.sidecarFileName) { json in
            json["format"] = 1
            json["memberFiles"] = (json["memberFiles"] as? [[String]])?.map { $0.map(strip) }
        }
        let loaded = try HorizonSplitForecaster.load(from: directory) { try LightGBMForecaster.load(from: directory, fileNamePrefix: $0, logger: BoostingFamilyUnderTest.quietLogger) }
        let test = Self.rows(240, seed: 3).features
        #expect(try loaded.predict(test).p50 == split.predict(test).p50)
    }

    @Test func rowsWithoutAHorizonOrABucketWithoutRowsAreRefusedByName() throws {
        let split = try Self.split()
        let noHorizon = Dataset(features: FeatureMatrix(names: ["x"], rowCount: 2, values: [1, 2]), target: [0, 0])
        let missing = try #require(throws: HorizonSplitError.self) { try split.fit(train: noHorizon, validation: nil) }
        #expect(missing.code == .missingHorizon && missing.message.contains("horizon_hours"))
        // Leads 1–2 and 7+ only: the 3–6 bucket has nothing to learn from.
        let gap = Self.rows(2_400).subset((0..<2_400).filter { !(2..<6).contains($0 % 24) })
        let empty = try #require(throws: HorizonSplitError.self) { try split.fit(train: gap, validation: nil) }
        #expect(empty.code == .emptyBucket && empty.context == "models.hourly_horizon_buckets" && empty.message.contains("3-6"))
    }
}
