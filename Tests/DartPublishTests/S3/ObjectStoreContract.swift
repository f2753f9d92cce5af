import DartCore
import Foundation
import Testing
@testable import DartPublish

/// What every remote `ObjectStore` must do, run by the S3 and the Azure tests alike.
enum ObjectStoreContract {
    /// Put/get/list/delete with `=`, spaces, `+` and non-ASCII in keys; the store's listing page
    /// size should be small (2) so continuation is exercised.
    static func roundTrip(_ store: some ObjectStore) async throws {
        let keys = ["predictions/product=dayahead/issue_date=2024-11-02/part-run a.parquet",
                    "predictions/product=dayahead/issue_date=2024-11-02/_manifest.json",
                    "predictions/product=dayahead/issue_date=2024-11-03/prévisions b+c €.parquet",
                    "predictions/product=hourly/x.json",
                    "other/y.json"]
        for (index, key) in keys.enumerated() {
            try await store.put(Data("payload \(index)".utf8), key: key, contentType: "application/octet-stream")
        }
        #expect(try await store.get(key: keys[0]) == Data("payload 0".utf8))
        #expect(try await store.get(key: keys[2]) == Data("payload 2".utf8))
        #expect(try await store.list(prefix: "predictions/product=dayahead/") == keys[0..<3].sorted())
        #expect(try await store.list(prefix: "").count == 5)
        try await store.put(Data("replaced".utf8), key: keys[0], contentType: "application/octet-stream")
        #expect(try await store.get(key: keys[0]) == Data("replaced".utf8))
        try await store.delete(key: keys[0])
        try await store.delete(key: keys[0])  // deleting a missing object is fine
        #expect(try await store.get(key: keys[0]) == nil)
        #expect(try await store.list(prefix: "predictions/product=dayahead/").count == 2)
    }

    /// Two runs of one partition through `PartitionPublisher`: the second replaces the first.
    static func publishesPartitions(_ store: some ObjectStore) async throws {
        let publisher = PartitionPublisher(store: store)
        let issue = UTCFormat.parse("2024-11-02T10:00:00Z")!
        let rows = PartitionPublisherTests.rows(issueUTC: issue)
        try await publisher.publish(rows: rows, product: "dayahead", issueUTC: issue, runID: "run-a", createdAtUTC: issue)
        try await publisher.publish(rows: rows, product: "dayahead", issueUTC: issue, runID: "run-b", createdAtUTC: issue + 60)
        let read = try #require(try await publisher.read(product: "dayahead", issueUTC: issue))
        #expect(read.count == rows.count)
        #expect(Set(read.map(\.key)).count == rows.count)
        let partition = PartitionLayout.hive.partitionPath(product: "dayahead", issueUTC: issue)
        #expect(try await store.list(prefix: partition + "/").map { $0.components(separatedBy: "/").last! } == ["_manifest.json", "part-run-b.parquet"])
        #expect(try await publisher.partitions(product: "dayahead").count == 1)
    }
}
