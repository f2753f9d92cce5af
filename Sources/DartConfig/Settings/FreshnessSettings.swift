import DartCore

/// How fresh each input series must be (`freshness` in settings.json): the limits are
/// `FreshnessLimits` (DartCore), judged by `FreshnessRules`. Defaults: DAM 120 minutes after its
/// publication time, hourly RT and 15-minute RT 3 h, forecasts 6 h, actual load 3 h; forecasts
/// are refused 48 h after the newest stored price; only DAM and hourly RT degrade a run.
public typealias FreshnessSettings = FreshnessLimits
