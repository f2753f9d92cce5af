import DartCore
import DartData
import DartFeatures
import DartWorkspace
import Foundation

/// The feature frame of one run, built once by `build_features` and handed to training and
/// prediction: the issue's rows, plus, when the run trains, the training window's rows. One
/// history load covers both.
public struct RunFeatures: Sendable {
    let product: ForecastProduct
    let issueUTC: Int64
    /// The points of the frame, which are also its point categories.
    let points: [SettlementPoint]
    let frame: FeatureFrame
    /// The training window when the run trains; nil for a predict-only run.
    let window: TrainingWindow?
    let buildSeconds: Double

    /// The rows of the issue being forecast.
    var predictionFrame: FeatureFrame {
        frame.rows(frame.issueUTC.indices.filter { frame.issueUTC[$0] == issueUTC })
    }

    /// - Parameter training: the window to add training rows for, or nil.
    static func build(workspace: Workspace, store: MarketStore, points: [SettlementPoint], product: ForecastProduct,
                      issueUTC: Int64, training window: TrainingWindow?) throws -> RunFeatures {
        let started = Date()
        let builder = try workspace.featureBuilder(pointCategories: points)
        let predictionWindow = builder.historyWindow(product: product, issueTimes: [issueUTC])
        var fromUTC = predictionWindow?.fromUTC ?? issueUTC
        var toUTC = predictionWindow?.toUTC ?? issueUTC
        if let window {
            fromUTC = window.historyFromUTC.map { min($0, fromUTC) } ?? Int64.min
            toUTC = max(toUTC, window.historyToUTC)
        }
        let history = try store.loadHistory(points: points, fromUTC: fromUTC == Int64.min ? nil : fromUTC, toUTC: toUTC)
        let trainingIssues = window?.issueTimes(rules: workspace.rules, historyStartUTC: history.startUTC) ?? []
        let frame = try builder.build(history: history, product: product, issueTimes: trainingIssues + [issueUTC])
        return RunFeatures(product: product, issueUTC: issueUTC, points: points, frame: frame, window: window,
                           buildSeconds: Date().timeIntervalSince(started))
    }
}
