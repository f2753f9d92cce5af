import Testing
@testable import DartCore
@Test func placeholderCore() { #expect(OperatingDay("2024-03-10") != nil) }
