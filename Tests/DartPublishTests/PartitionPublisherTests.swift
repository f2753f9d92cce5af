import DartCore
import DartTesting
import Foundation
import Testing
@testable import DartPublish

@Suite struct PartitionPublisherTests {
    static let zone = MarketTimeZone.ercot

    static func rows(issueUTC: Int64, points: [String] = ["HB_NORTH", "HB_WEST"], offset: Double = 0) -> [ForecastRow] {
        let day = zone.operatingDay(containing: issueUTC).adding(days: 1)
        return zone.hours(of: day).flatMap { hour in
            points.map { point in
                ForecastRow(issueTimeUTC: IssueTime(utc: issueUTC), targetHourUTC: hour.utcStart, operatingDay: hour.operatingDay,
                            hourEnding: hour.hourEnding, isRepeatedHour: hour.isRepeatedHour, settlementPoint: point,
                            product: "dayahead", modelFamily: "lightgbm", modelVersion: "v1",
                            prediction: Double(hour.hourEnding) + offset, p10: -1, p50: Double(hour.hourEnding) + offset, p90: nil)
            }
        }
    }

    @Test func republishingTheSameIssueReplacesInsteadOfDuplicating() async throws {
        let root = try SamplePaths.temporaryDirectory()
        let publisher = PartitionPublisher(store: FileObjectStore(root: root))
        let issue = UTCFormat.parse("2024-11-02T10:00:00Z")!  // 05:00 CDT, day-ahead for the 25-hour day
        let first = try await publisher.publish(rows: Self.rows(issueUTC: issue), product: "dayahead", issueUTC: issue, runID: "run-a", createdAtUTC: issue)
        #expect(first.rows == 50)
        let second = try await publisher.publish(rows: Self.rows(issueUTC: issue, offset: 1), product: "dayahead", issueUTC: issue, runID: "run-b", createdAtUTC: issue + 60)
        #expect(second.rows == 50)
        let partition = "product=dayahead/issue_date=2024-11-02/issue_hour=10"
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(partition).path).sorted()
        #expect(files == ["_manifest.json", "part-run-b.parquet"])
        let read = try #require(try await publisher.read(product: "dayahead", issueUTC: issue))
        #expect(read.count == 50)
        #expect(Set(read.map(\.key)).count == 50)
        #expect(read.allSatisfy { $0.prediction == Double($0.hourEnding) + 1 })
        // Both fall-back HE 2 copies are present and distinct.
        #expect(read.filter { $0.hourEnding == 2 && $0.settlementPoint == "HB_NORTH" }.map(\.isRepeatedHour).sorted { !$0 && $1 } == [false, true])
    }

    @Test func theTwoFallBackIssueHoursGetDistinctPartitions() async throws {
        let root = try SamplePaths.temporaryDirectory()
        let publisher = PartitionPublisher(store: FileObjectStore(root: root))
        let cdt = UTCFormat.parse("2024-11-03T06:05:00Z")!  // 01:05 CDT
        let cst = UTCFormat.parse("2024-11-03T07:05:00Z")!  // 01:05 CST
        try await publisher.publish(rows: Self.rows(issueUTC: cdt), product: "hourly", issueUTC: cdt, runID: "r1", createdAtUTC: cdt)
        try await publisher.publish(rows: Self.rows(issueUTC: cst), product: "hourly", issueUTC: cst, runID: "r2", createdAtUTC: cst)
        let manifests = try await publisher.partitions(product: "hourly")
        #expect(manifests.map(\.partition) == [
            "product=hourly/issue_date=2024-11-03/issue_hour=06",
            "product=hourly/issue_date=2024-11-03/issue_hour=07",
        ])
    }

    @Test func legacyLayoutWritesFixedFileNames() async throws {
        let root = try SamplePaths.temporaryDirectory()
        let publisher = PartitionPublisher(store: FileObjectStore(root: root), layout: .legacy, compression: .snappy)
        let issue = UTCFormat.parse("2025-01-14T11:00:00Z")!
        try await publisher.publish(rows: Self.rows(issueUTC: issue), product: "dayahead", issueUTC: issue, runID: "x", createdAtUTC: issue)
        try await publisher.publish(rows: Self.rows(issueUTC: issue), product: "dayahead", issueUTC: issue, runID: "y", createdAtUTC: issue)
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("dayahead/2025/01/14/11").path).sorted()
        #expect(files == ["_manifest.json", "predictions.parquet"])
        #expect(try await publisher.read(product: "dayahead", issueUTC: issue)?.count == 48)
    }

    @Test func aPartitionWithoutManifestDoesNotExistForReaders() async throws {
        let root = try SamplePaths.temporaryDirectory()
        let store = FileObjectStore(root: root)
        let publisher = PartitionPublisher(store: store)
        let issue = UTCFormat.parse("2025-01-14T11:00:00Z")!
        let partition = PartitionLayout.hive.partitionPath(product: "dayahead", issueUTC: issue)
        try await store.put(Data("half-written".utf8), key: partition + "/part-crashed.parquet", contentType: "x")
        #expect(try await publisher.read(product: "dayahead", issueUTC: issue) == nil)
        #expect(try await publisher.partitions(product: "dayahead").isEmpty)
        // Publishing afterwards cleans the unmanifested leftover.
        try await publisher.publish(rows: Self.rows(issueUTC: issue), product: "dayahead", issueUTC: issue, runID: "ok", createdAtUTC: issue)
        #expect(try await store.list(prefix: partition + "/").map { $0.components(separatedBy: "/").last! } == ["_manifest.json", "part-ok.parquet"])
    }

    @Test func tamperedFileFailsTheManifestCheck() async throws {
        let root = try SamplePaths.temporaryDirectory()
        let store = FileObjectStore(root: root)
        let publisher = PartitionPublisher(store: store)
        let issue = UTCFormat.parse("2025-01-14T11:00:00Z")!
        try await publisher.publish(rows: Self.rows(issueUTC: issue), product: "dayahead", issueUTC: issue, runID: "ok", createdAtUTC: issue)
        let key = PartitionLayout.hive.partitionPath(product: "dayahead", issueUTC: issue) + "/part-ok.parquet"
        try await store.put(try ParquetCodec.encode(PredictionsParquet.table(rows: Self.rows(issueUTC: issue, offset: 9), runID: "ok", createdAtUTC: issue)), key: key, contentType: "x")
        await #expect(throws: ObjectStoreError.self) { try await publisher.read(product: "dayahead", issueUTC: issue) }
    }

    /// The published file is readable by another Parquet implementation: pyarrow, from the wheel
    /// that scripts/setup installs.
    @Test func pyarrowReadsAPublishedPartitionWithTheExpectedSchema() async throws {
        let root = try SamplePaths.temporaryDirectory()
        let publisher = PartitionPublisher(store: FileObjectStore(root: root))
        let issue = UTCFormat.parse("2024-03-09T11:00:00Z")!  // day-ahead for the 23-hour day
        try await publisher.publish(rows: Self.rows(issueUTC: issue), product: "dayahead", issueUTC: issue, runID: "py", createdAtUTC: issue)
        let file = root.appendingPathComponent(PartitionLayout.hive.partitionPath(product: "dayahead", issueUTC: issue) + "/part-py.parquet")
        let script = """
        import sys, pyarrow.parquet as pq
        t = pq.read_table(sys.argv[1])
        print(t.num_rows)
        for f in t.schema: print(f"{f.name}:{f.type}")
        """
        let output = try PythonRunner.run(script: script, arguments: [file.path])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == "46")
        #expect(lines.contains("issue_time_utc:timestamp[us, tz=UTC]"))
        #expect(lines.contains("target_hour_utc:timestamp[us, tz=UTC]"))
        #expect(lines.contains("hour_ending:int32"))
        #expect(lines.contains("prediction:double"))
        #expect(lines.contains("settlement_point:dictionary<values=string, indices=int32, ordered=0>"))
        #expect(lines.contains("run_id:dictionary<values=string, indices=int32, ordered=0>"))
        #expect(lines.count == 1 + PredictionsParquet.columnNames.count)
    }
}
