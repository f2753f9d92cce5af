import Testing
@Test func placeholderDartFeaturesTests() { #expect(Bool(true)) }
