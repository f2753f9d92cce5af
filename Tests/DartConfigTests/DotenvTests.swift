import DartConfig
import Testing

@Suite struct DotenvTests {
    @Test func readsTheUsualForms() throws {
        let values = try Dotenv.parse("""
        # a comment
        PLAIN=value
        SPACED = spaced value   # trailing comment
        export EXPORTED=yes
        EMPTY=
        SINGLE='kept # not a comment'
        DOUBLE="line1\\nline2 \\"quoted\\" # kept"
        HASH=a#b
        MULTI="first
        second"
        CRLF=windows\r
        PLAIN=later wins
        """)
        #expect(values["PLAIN"] == "later wins")
        #expect(values["SPACED"] == "spaced value")
        #expect(values["EXPORTED"] == "yes")
        #expect(values["EMPTY"] == "")
        #expect(values["DOUBLE"] == "line1\nline2 \"quoted\" # kept")
        #expect(values["SINGLE"] == "kept # not a comment")
        #expect(values["HASH"] == "a#b")
        #expect(values["MULTI"] == "first\nsecond")
        #expect(values["CRLF"] == "windows")
        #expect(values.count == 9)
    }

    @Test func singleQuotesAreLiteral() throws {
        #expect(try Dotenv.parse(#"KEY='a\nb $HOME'"#)["KEY"] == #"a\nb $HOME"#)
    }

    @Test func textAfterClosingQuoteIsAnError() {
        #expect(throws: ConfigError.self) { try Dotenv.parse("SINGLE='it''s'") }
    }

    @Test func errorsNameTheLineButNotTheValue() throws {
        let cases = ["GOOD=1\nno equals sign SECRETVALUE", "1BAD=SECRETVALUE", "OPEN=\"SECRETVALUE", "Q='SECRETVALUE' trailing"]
        for text in cases {
            do {
                _ = try Dotenv.parse(text, file: "/app/.env")
                Issue.record("expected an error for \(text.debugDescription)")
            } catch {
                #expect(error.code == .syntax)
                #expect(error.file == "/app/.env")
                #expect(error.line != nil)
                #expect(!error.description.contains("SECRETVALUE"))
            }
        }
    }
}
