import DartReports
import Testing

/// The CLI's record text: `runs list`, `models list`, `predict` and the run record's tables.
@Suite struct RecordFormatTests {
    @Test func tablesPadColumnsTwoSpacesApartAndTrimEachLine() {
        let text = RecordFormat.table(header: ["job", "state", "note"], rows: [["hourly_predict", "ok", ""], ["d", "failed", "x"]])
        #expect(text == """
            job             state   note
            hourly_predict  ok
            d               failed  x
            """)
    }

    @Test func numbersFromTheGivenColumnOnAreRightAligned() {
        let text = RecordFormat.text(header: ["point", "prediction", "p90"], rows: [["HB_NORTH", "1.500", "12.250"], ["HB_WEST", "-10.000", "3.000"]],
                                     format: .table, rightAlignedFrom: 1)
        #expect(text == """
            point     prediction     p90
            HB_NORTH       1.500  12.250
            HB_WEST      -10.000   3.000
            """)
    }

    @Test func csvQuotesOnlyFieldsThatNeedIt() {
        let text = RecordFormat.text(header: ["target", "last error"], rows: [["sql", "refused, retrying \"soon\""], ["file", "line\nbreak"]],
                                     format: .csv)
        #expect(text == "target,last error\nsql,\"refused, retrying \"\"soon\"\"\"\nfile,\"line\nbreak\"")
        #expect(RecordFormat.csvField("plain") == "plain")
        #expect(RecordFormat.csvField("a\rb") == "\"a\rb\"")
    }

    @Test func jsonIsPrettyWithSortedKeysAndPlainSlashes() throws {
        struct View: Encodable { var b = 1, a = "x/y" }
        #expect(try RecordFormat.json(View()) == "{\n  \"a\" : \"x/y\",\n  \"b\" : 1\n}")
    }
}
