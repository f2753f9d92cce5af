import DartTesting
import Foundation
import Testing
@testable import DartPublish

@Suite struct ParquetCodecTests {
    static func sampleTable() -> ParquetTable {
        ParquetTable(columns: [
            ParquetColumn("target_hour_utc", .timestampMicrosUTC([1_730_613_600_000_000, 1_730_617_200_000_000, 1_730_620_800_000_000])),
            ParquetColumn("hour_ending", .int32([2, 2, 3])),
            ParquetColumn("settlement_point", .dictionaryString(["HB_NORTH", "HB_NORTH", "HB_WEST"])),
            ParquetColumn("prediction", .float64([1.25, -250, 5100])),
            ParquetColumn("p10", .float64([0, 0, 0]), valid: [true, false, true]),
            ParquetColumn("dst_flag", .string(["N", "Y", nil])),
        ], metadata: ["dartcast.product": "dayahead"])
    }

    @Test func writeThenReadKeepsTypesAndValues() throws {
        let directory = try SamplePaths.temporaryDirectory()
        let url = directory.appendingPathComponent("part.parquet")
        try ParquetCodec.write(Self.sampleTable(), to: url, compression: .zstd)
        let file = try ParquetCodec.read(url)
        #expect(file.rowCount == 3)
        #expect(file.columnNames == ["target_hour_utc", "hour_ending", "settlement_point", "prediction", "p10", "dst_flag"])
        #expect(file.columnTypes[0] == "timestamp[us, tz=UTC]")
        #expect(file.columnTypes[1] == "int32")
        #expect(file.columnTypes[2].hasPrefix("dictionary<values=string"))
        #expect(try file.int64s("target_hour_utc") == [1_730_613_600_000_000, 1_730_617_200_000_000, 1_730_620_800_000_000])
        #expect(try file.doubles("prediction") == [1.25, -250, 5100])
        #expect(try file.doubles("p10")[1].isNaN)
        #expect(try file.strings("settlement_point") == ["HB_NORTH", "HB_NORTH", "HB_WEST"])
        #expect(try file.strings("dst_flag") == ["N", "Y", nil])
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["part.parquet"])
    }

    @Test func bufferRoundTripWithSnappy() throws {
        let data = try ParquetCodec.encode(Self.sampleTable(), compression: .snappy)
        #expect(data.prefix(4) == Data("PAR1".utf8))
        let file = try ParquetCodec.read(data)
        #expect(file.rowCount == 3)
    }

    @Test func mismatchedColumnLengthsAreAnError() {
        let table = ParquetTable(columns: [ParquetColumn("a", .int32([1, 2])), ParquetColumn("b", .int32([1]))])
        #expect(throws: ParquetError.self) { try ParquetCodec.encode(table) }
    }

    @Test func corruptBytesSurfaceArrowsMessage() {
        do {
            _ = try ParquetCodec.read(Data("not parquet at all".utf8))
            Issue.record("expected an error")
        } catch let error as ParquetError {
            #expect(error.code == .read)
            #expect(error.description.contains("Parquet"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
