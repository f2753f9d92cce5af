import Testing
@Test func placeholderDartModelsTests() { #expect(Bool(true)) }
