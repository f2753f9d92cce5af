import Testing
@Test func placeholderDartDataTests() { #expect(Bool(true)) }
