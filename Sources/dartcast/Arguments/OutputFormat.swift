import ArgumentParser
import DartReports

/// `--format` of the commands that print records: `RecordFormat` (DartReports) as an argument.
typealias OutputFormat = RecordFormat

extension RecordFormat: ExpressibleByArgument {}
