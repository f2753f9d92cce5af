import Testing
@Test func placeholderdartcastTests() { #expect(Bool(true)) }
