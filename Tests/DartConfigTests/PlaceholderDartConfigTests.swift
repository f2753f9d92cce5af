import Testing
@Test func placeholderDartConfigTests() { #expect(Bool(true)) }
