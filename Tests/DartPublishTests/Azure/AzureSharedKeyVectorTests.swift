import DartTesting
import Foundation
import Testing
@testable import DartPublish

/// Our SharedKey signer against vectors that Microsoft's azure-storage-blob SDK produced for the
/// same requests (`scripts/testing/azure_vectors.py`, committed in `Fixtures/`).
@Suite struct AzureSharedKeyVectorTests {
    struct Vectors: Decodable {
        struct Vector: Decodable {
            let name: String
            let method: String
            let url: String
            let headers: [[String]]
            let string_to_sign: String
            let authorization: String
        }
        struct HeaderSort: Decodable {
            let input: [String]
            let sorted: [String]
        }
        let account: String
        let account_key: String
        let vectors: [Vector]
        let header_sort: HeaderSort
    }

    static func load() throws -> Vectors {
        let url = SamplePaths.repositoryRoot.appendingPathComponent("Tests/DartPublishTests/Azure/Fixtures/sharedkey_vectors.json")
        return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }

    @Test func stringToSignAndSignatureMatchMicrosoftsSDK() throws {
        let fixture = try Self.load()
        #expect(fixture.vectors.count == 18)
        let signer = try AzureSharedKeySigner(accountName: fixture.account, accountKey: fixture.account_key)
        for vector in fixture.vectors {
            let url = try #require(URL(string: vector.url))
            let headers = vector.headers.map { ($0[0], $0[1]) }
            #expect(signer.stringToSign(method: vector.method, url: url, headers: headers) == vector.string_to_sign, "\(vector.name)")
            #expect(signer.authorization(method: vector.method, url: url, headers: headers) == vector.authorization, "\(vector.name)")
        }
    }

    @Test func ourURLsAndDatesAreTheOnesTheSDKSigns() throws {
        let fixture = try Self.load()
        let byName = Dictionary(uniqueKeysWithValues: fixture.vectors.map { ($0.name, $0) })
        let put = try #require(byName["account: put blob with content type"])
        let unicode = try #require(byName["account: get blob with unicode and spaces"])
        let base = "https://\(fixture.account).blob.core.windows.net"
        #expect(base + SigV4Signer.canonicalPath("/forecasts/predictions/product=dayahead/issue_date=2024-11-02/part-run a.parquet") == put.url)
        #expect(base + SigV4Signer.canonicalPath("/forecasts/prévisions/€ report (v2).parquet") == unicode.url)
        let date = try #require(put.headers.first { $0[0] == "x-ms-date" }?[1])
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 1_730_541_600)) == date)
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 GMT")
    }

    @Test func msHeadersSortLikeTheServiceNotByCodePoint() throws {
        let sort = try Self.load().header_sort
        #expect(sort.input.sorted(by: AzureHeaderOrder.precedes) == sort.sorted)
        #expect(sort.input.sorted() != sort.sorted, "the vector must distinguish the two orders")
    }

    @Test func aKeyThatIsNotBase64IsRejectedWithoutEchoingIt() {
        let error = #expect(throws: ObjectStoreError.self) {
            try AzureSharedKeySigner(accountName: "acct", accountKey: "not base64 !!secretish")
        }
        #expect(error?.code == .unauthorized)
        #expect(error?.message.contains("secretish") == false)
    }
}
