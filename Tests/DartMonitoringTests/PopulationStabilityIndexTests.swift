import Foundation
import Testing
@testable import DartMonitoring

@Suite struct PopulationStabilityIndexTests {
    @Test func equalsAHandComputation() throws {
        // Two bins split at the reference median 5.5: reference shares 0.5/0.5, recent 0.75/0.25.
        let psi = try #require(PopulationStabilityIndex(binCount: 2).value(reference: (1...10).map(Double.init), recent: [1, 2, 3, 6]))
        let expected = (0.75 - 0.5) * log(0.75 / 0.5) + (0.25 - 0.5) * log(0.25 / 0.5)
        #expect(abs(psi - expected) < 1e-12)
        #expect(abs(psi - 0.274653) < 1e-6)
    }

    @Test func edgesAreReferenceQuantilesAndValuesOnAnEdgeFallBelow() {
        let index = PopulationStabilityIndex(binCount: 4)
        let edges = index.edges(reference: [0, 1, 2, 3, 4])
        #expect(edges == [1, 2, 3])
        #expect(index.shares([1, 1.5, 3, 9], edges: edges, missingBin: false) == [0.25, 0.25, 0.25, 0.25])
    }

    @Test func isZeroForIdenticalDistributions() throws {
        let values = (0..<1000).map { sin(Double($0)) * 30 }
        #expect(try #require(PopulationStabilityIndex().value(reference: values, recent: values)) == 0)
        #expect(try #require(PopulationStabilityIndex().value(reference: values, recent: values.reversed())) == 0)
    }

    @Test func isLargeForAShiftedDistribution() throws {
        let reference = (0..<1000).map { sin(Double($0)) * 30 }
        let shifted = reference.map { $0 + 40 }
        let psi = try #require(PopulationStabilityIndex().value(reference: reference, recent: shifted))
        #expect(psi > 0.25 * 10)
        let slightly = reference.map { $0 + 0.5 }
        let small = try #require(PopulationStabilityIndex().value(reference: reference, recent: slightly))
        #expect(small < 0.1)
    }

    @Test func aFeedThatStoppedShowsAsDrift() throws {
        let reference = (0..<100).map(Double.init)
        let recent = (0..<100).map { $0 < 50 ? Double($0 * 2) : .nan }
        #expect(try #require(PopulationStabilityIndex().value(reference: reference, recent: recent)) > 0.25)
        #expect(try #require(PopulationStabilityIndex().value(reference: reference, recent: [.nan, .nan])) > 5)
        #expect(PopulationStabilityIndex().value(reference: [], recent: [1, 2]) == nil)
        #expect(PopulationStabilityIndex().value(reference: [.nan, .nan], recent: [.nan]) == nil)
    }
}
