import DartFeatures
import Testing

/// Simulated feed outages for training: which columns each feed fills, and which issues lose it.
@Suite struct FeedOutageTests {
    static let names = try! FeatureBuilder().featureNames

    @Test func everyNonPriceFeedIsFoundByItsColumns() throws {
        let feeds = FeedOutage.feeds(featureNames: Self.names)
        #expect(feeds.map(\.feed) == ["rt_intervals", "load_actual", "forecasts"])
        let byFeed = Dictionary(uniqueKeysWithValues: feeds.map { ($0.feed, $0) })
        func names(_ columns: [Int]) -> Set<String> { Set(columns.map { Self.names[$0] }) }
        #expect(names(try #require(byFeed["load_actual"]).blankedColumns) == ["load_actual_same_he_latest"])
        let forecasts = try #require(byFeed["forecasts"])
        #expect(names(forecasts.blankedColumns) == ["wind_stwpf", "solar_stppf", "wind_cophsl", "solar_cophsl",
                                                    "load_forecast", "net_load_forecast"])
        #expect(names(forecasts.missingMarkers) == ["load_inputs_missing"])
        #expect(names(try #require(byFeed["rt_intervals"]).blankedColumns).contains("rt_interval_latest"))
        // Price columns belong to no feed: they are the product itself.
        let fed = Set(feeds.flatMap { $0.blankedColumns + $0.missingMarkers })
        #expect(!fed.contains(try #require(Self.names.firstIndex(of: "dart_same_he_latest"))))
        #expect(!fed.contains(try #require(Self.names.firstIndex(of: "rt_last_known"))))
    }

    @Test func aFrameWithoutAFeedsColumnsHasNoSuchFeed() {
        let priceOnly = Self.names.filter { !$0.hasPrefix("rt_interval") && $0 != "dam_target_minus_rt_interval_latest" }
        #expect(!FeedOutage.feeds(featureNames: priceOnly).map(\.feed).contains("rt_intervals"))
        #expect(FeedOutage.feeds(featureNames: ["dart_same_he_latest"]).isEmpty)
    }

    /// 4 rows (points) per issue, hourly issues; every value 7.
    static func matrix(issues: Int) -> (FeatureMatrix, [Int64]) {
        let rows = issues * 4
        let matrix = FeatureMatrix(names: Self.names, rowCount: rows, values: [Float](repeating: 7, count: rows * Self.names.count))
        return (matrix, (0..<rows).map { 1_700_000_000 + Int64($0 / 4) * 3600 })
    }

    @Test(arguments: [0.05, 0.1, 0.2])
    func aboutTheShareOfIssuesLoseEachFeedWithAllTheirRowsTogether(share: Double) {
        var (matrix, issues) = Self.matrix(issues: 20_000)
        let feeds = FeedOutage.feeds(featureNames: Self.names)
        let blanked = FeedOutage.blank(&matrix, issueUTC: issues, feeds: feeds, share: share)
        for feed in feeds {
            let rows = try! #require(blanked[feed.feed])
            let observed = Double(rows) / Double(matrix.rowCount)
            #expect(abs(observed - share) < 0.01, "\(feed.feed): \(observed) of rows against \(share)")
            for issue in stride(from: 0, to: matrix.rowCount, by: 4) {
                let out = (issue..<issue + 4).map { matrix[$0, feed.blankedColumns[0]].isNaN }
                #expect(Set(out).count == 1, "an issue loses a feed for every row or none")
                #expect(out[0] == feed.isOut(issueUTC: issues[issue], share: share))
                for marker in feed.missingMarkers { #expect(matrix[issue, marker] == (out[0] ? 1 : 7)) }
            }
        }
        // Feeds fail independently: some issues lose one feed and keep another.
        let (load, rt) = (feeds[1], feeds[0])
        #expect(issues.contains { load.isOut(issueUTC: $0, share: share) != rt.isOut(issueUTC: $0, share: share) })
        // Columns of no feed keep every value.
        let fed = Set(feeds.flatMap { $0.blankedColumns + $0.missingMarkers })
        for column in 0..<matrix.columnCount where !fed.contains(column) {
            #expect((0..<matrix.rowCount).allSatisfy { matrix[$0, column] == 7 }, "\(Self.names[column]) changed")
        }
    }

    /// Gaps a feed already has count toward the share: only a feed that rarely fails is blanked.
    @Test func rowsAlreadyMissingCountTowardTheShare() throws {
        var (matrix, issues) = Self.matrix(issues: 20_000)
        let feeds = FeedOutage.feeds(featureNames: Self.names)
        let (intervals, load) = (feeds[0], feeds[1])
        func missingShare(_ feed: FeedOutage) -> Double {
            Double((0..<matrix.rowCount).filter { matrix[$0, feed.blankedColumns[0]].isNaN }.count) / Double(matrix.rowCount)
        }
        // The 15-minute feed is missing on the first 30% of rows, actual load on every 20th issue (5%).
        for row in 0..<matrix.rowCount {
            if row < matrix.rowCount * 3 / 10 { for column in intervals.blankedColumns { matrix[row, column] = .nan } }
            if (row / 4) % 20 == 0 { for column in load.blankedColumns { matrix[row, column] = .nan } }
        }
        let blanked = FeedOutage.blank(&matrix, issueUTC: issues, feeds: feeds, share: 0.1)
        #expect(blanked["rt_intervals"] == 0 && abs(missingShare(intervals) - 0.3) < 1e-9)
        #expect(abs(missingShare(load) - 0.1) < 0.01, "actual load missing on \(missingShare(load)) of rows")
        let loadBlanked = try #require(blanked["load_actual"])
        #expect(abs(Double(loadBlanked) / Double(matrix.rowCount) - 0.05) < 0.01)
        // A feed that never arrived is not a feed to blank: nothing changes.
        var empty = FeatureMatrix(names: Self.names, rowCount: 8, values: [Float](repeating: .nan, count: 8 * Self.names.count))
        #expect(FeedOutage.blank(&empty, issueUTC: Array(issues.prefix(8)), feeds: feeds, share: 0.1).values.allSatisfy { $0 == 0 })
    }

    @Test func theDrawIsFixedPerIssueSoEveryRefitBlanksTheSameIssues() {
        var (first, issues) = Self.matrix(issues: 2_000)
        var second = first
        let feeds = FeedOutage.feeds(featureNames: Self.names)
        FeedOutage.blank(&first, issueUTC: issues, feeds: feeds, share: 0.1)
        // A later refit sees more issues; the ones both saw are blanked alike.
        var (longer, longerIssues) = Self.matrix(issues: 3_000)
        FeedOutage.blank(&longer, issueUTC: longerIssues, feeds: feeds, share: 0.1)
        #expect(first.values.elementsEqual(longer.values.prefix(first.values.count)) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        // Share 0 is off: nothing changes.
        #expect(FeedOutage.blank(&second, issueUTC: issues, feeds: feeds, share: 0).isEmpty)
        #expect(second.values.allSatisfy { $0 == 7 })
    }
}
