import DartCore
import DartPublish
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

/// `predictions.parquet` read back by two other engines (pyarrow and DuckDB, from `.deps/py` and
/// `.deps/testpy`: `scripts/setup --test` installs them).
@Suite struct BacktestPredictionsParquetTests {
    static func written() throws -> URL {
        let url = try SamplePaths.temporaryDirectory("dartcast-backtest-parquet").appendingPathComponent(BacktestPredictionsParquet.fileName)
        try BacktestPredictionsParquet.write(SmallBacktest.forecasts(), product: .hourly, to: url)
        return url
    }

    @Test func columnsAreTheDocumentedWideLayout() throws {
        let table = try BacktestPredictionsParquet.table(SmallBacktest.forecasts(), product: .hourly)
        #expect(table.columns.map(\.name) == BacktestPredictionsParquet.keyColumns
                + ["lightgbm_p50", "lightgbm_p10", "lightgbm_p90", "zero_p50", "trailing_median_p50"])
        #expect(table.rowCount == 6)
    }

    @Test func pyarrowReadsTypesNullsAndValues() throws {
        let script = """
        import sys, pyarrow.parquet as pq
        t = pq.read_table(sys.argv[1])
        print(t.num_rows)
        for f in t.schema: print(f"{f.name}:{f.type}")
        d = t.to_pydict()
        print("actual", d["actual_dart"])
        print("lgbm", d["lightgbm_p50"])
        print("p10", d["lightgbm_p10"][0], "dam", d["dam_known"], "h0", round(d["horizon_hours"][0], 4))
        print("target0", d["target_time_utc"][0].isoformat(), "point", d["settlement_point"][1], "day", d["operating_day"][5])
        """
        let lines = try PythonRunner.run(script: script, arguments: [Self.written().path]).split(separator: "\n").map(String.init)
        #expect(lines.first == "6")
        for column in ["issue_time_utc:timestamp[us, tz=UTC]", "target_time_utc:timestamp[us, tz=UTC]", "settlement_point:string",
                       "hour_ending:int32", "horizon_hours:double", "dam_known:bool", "actual_dart:double", "lightgbm_p90:double"] {
            #expect(lines.contains(column), "pyarrow schema lacks \(column)")
        }
        #expect(lines.contains("actual [10.0, -4.0, 6.0, None, -8.0, 4.0]"))   // unknown actual is null
        #expect(lines.contains("lgbm [8.0, -1.0, 2.0, 1.0, -2.0, None]"))       // a failed forecast is null, not 0
        #expect(lines.contains("p10 5.0 dam [True, True, True, True, False, False] h0 0.9167"))
        #expect(lines.contains("target0 2025-12-04T17:00:00+00:00 point B day 2025-12-05"))
    }

    @Test func duckDBReadsRowCountAndValues() throws {
        let script = """
        import sys, duckdb
        path = sys.argv[1]
        rows, known, total = duckdb.sql(f"select count(*), count(actual_dart), sum(actual_dart) from read_parquet('{path}')").fetchone()
        print("rows", rows, "known", known, "sum", total)
        print("row4", duckdb.sql(f"select lightgbm_p10, hour_ending, epoch(target_time_utc)::bigint from read_parquet('{path}') where settlement_point = 'B' and not dam_known").fetchone())
        """
        let lines = try PythonRunner.run(script: script, arguments: [Self.written().path]).split(separator: "\n").map(String.init)
        #expect(lines.contains("rows 6 known 5 sum 8.0"))
        let row4Target = SmallBacktest.issueUTC + 55 * 60 + 13 * 3600
        #expect(lines.contains("row4 (-9.0, 1, \(row4Target))"))
    }
}
