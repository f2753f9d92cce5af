import DartFeatures
import Testing
@testable import DartPipeline

/// Inputs that stopped arriving are blanked in training, judged on the newest rows only.
@Suite struct StaleColumnTests {
    /// `rows` rows of two columns: `kept` always present, `feed` present in the first `feedRows` only.
    static func matrix(rows: Int, feedRows: Int) -> FeatureMatrix {
        var values: [Float] = []
        for row in 0..<rows { values += [Float(row), row < feedRows ? Float(row) : .nan] }
        return FeatureMatrix(names: ["kept", "feed"], rowCount: rows, values: values)
    }

    @Test func aFeedThatEndedInsideTheRecentBlockIsSilencedWhenTheNewestRowsJudge() {
        // The feed covers the first 300 of 500 recent rows, then stops.
        var train = Self.matrix(rows: 1_000, feedRows: 1_000)
        var recent = Self.matrix(rows: 500, feedRows: 300)
        let newest = Array(350..<500)
        #expect(ModelTrainer.silenceStaleColumns(train: &train, recent: &recent, judgedRows: newest) == ["feed"])
        #expect((0..<train.rowCount).allSatisfy { train[$0, 1].isNaN && !train[$0, 0].isNaN })
        #expect((0..<recent.rowCount).allSatisfy { recent[$0, 1].isNaN })
    }

    @Test func theWholeBlockJudgingKeepsAFeedPresentInPartOfIt() {
        var train = Self.matrix(rows: 1_000, feedRows: 1_000)
        var recent = Self.matrix(rows: 500, feedRows: 300)
        #expect(ModelTrainer.silenceStaleColumns(train: &train, recent: &recent).isEmpty)
        #expect(!train[0, 1].isNaN)
    }

    @Test func tooFewJudgedRowsDecideNothing() {
        var train = Self.matrix(rows: 1_000, feedRows: 1_000)
        var recent = Self.matrix(rows: 500, feedRows: 300)
        #expect(ModelTrainer.silenceStaleColumns(train: &train, recent: &recent, judgedRows: Array(450..<500)).isEmpty)
    }
}
