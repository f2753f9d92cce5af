import DartConfig
import Foundation
import Testing

/// A credential in a URL's query string (a signed URL, `?token=…`) is a literal secret: validation
/// fails naming the key and telling the user to move the URL into an environment variable.
@Suite struct QueryCredentialTests {
    static let cases: [(json: String, path: String, parameter: String)] = [
        (#"{"storage": {"object_store": {"kind": "s3", "bucket": "b", "endpoint": "https://s3.example.com/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=QSECRET77"}}}"#,
         "storage.object_store.endpoint", "X-Amz-Signature"),
        (#"{"storage": {"object_store": {"endpoint": "https://acct.blob.core.windows.net/c?sv=2024-01-01&sig=QSECRET77"}}}"#,
         "storage.object_store.endpoint", "sig"),
        (#"{"sources": {"ercot": {"api_base_url": "https://api.example.com/reports?subscription-key=QSECRET77"}}}"#,
         "sources.ercot.api_base_url", "subscription-key"),
        (#"{"sources": {"ercot": {"token_url": "https://login.example.com/token?token=QSECRET77"}}}"#, "sources.ercot.token_url", "token"),
        (#"{"sources": {"ercot": {"api_base_url": "https://api.example.com/r?page=1&key=QSECRET77"}}}"#, "sources.ercot.api_base_url", "key"),
        (#"{"sources": {"ercot": {"token_url": "https://login.example.com/t?user=a&password=QSECRET77"}}}"#, "sources.ercot.token_url", "password"),
        (#"{"sources": {"ercot": {"token_url": "https://login.example.com/t?access_token=QSECRET77#x"}}}"#, "sources.ercot.token_url", "access_token"),
    ]

    @Test(arguments: cases.indices)
    func credentialInAQueryStringFailsValidation(_ index: Int) throws {
        let (json, path, parameter) = Self.cases[index]
        let report = check(json)
        #expect(!report.isValid && report.loaded == nil, "\(path) passed validation")
        let error = try #require(report.errors.first { $0.path == path }, "\(report.errors)")
        #expect(error.code == .literalSecret)
        #expect(error.message.contains("query string") && error.message.contains("'\(parameter)'"), "\(error.message)")
        #expect(error.message.contains("environment variable"))
        #expect(error.value == nil)
        #expect(!"\(report.lines)".contains("QSECRET77"), "the value leaked: \(report.lines)")
    }

    @Test func onlyAParameterThatCarriesACredentialIsRefused() {
        let fine = ["https://s3.example.com", "https://s3.example.com/?region=us-east-1&x-id=PutObject",
                    "https://s3.example.com/b?X-Amz-Signature=", "https://api.example.com/monkey?keyword=dart"]
        for endpoint in fine {
            let report = check(#"{"storage": {"object_store": {"endpoint": "\#(endpoint)"}}}"#)
            #expect(report.isValid, "\(endpoint): \(report.lines)")
        }
        let signed = check(#"{"storage": {"object_store": {"endpoint": "https://s3.example.com/b?X-Amz-Signature=QSECRET77"}}}"#)
        #expect(!signed.isValid)
    }
}
