import DartRuns
import Testing

/// `runs download` saves only plain file names: a server naming a file `../../x` cannot escape `--to`.
@Suite struct RunFileNameTests {
    @Test(arguments: ["../../x", "..", ".", "", "a/b", "/etc/passwd", "a\\b", "x..y/..", "nul\0byte"])
    func unsafeNamesAreRefused(name: String) {
        #expect(throws: RunStoreError.self) { try RunFileName.validate(name, what: "file name") }
    }

    @Test(arguments: ["run.json", "run.log", "part-0000.parquet", "outbox-rows.jsonl", "_manifest.json"])
    func plainNamesPass(name: String) throws {
        try RunFileName.validate(name, what: "file name")
    }
}
