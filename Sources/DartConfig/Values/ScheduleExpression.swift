/// When a job runs: a 5-field cron line (`minute hour day-of-month month day-of-week`) or a
/// recurrence phrase (`hourly at :05`, `daily at 05:00`, `every 15 minutes`).
///
/// Settings keep the user's text; this type checks its syntax and gives the scheduler a parsed form.
public enum ScheduleExpression: Hashable, Sendable {
    /// Five cron fields, each already checked against its range.
    case cron(minute: String, hour: String, dayOfMonth: String, month: String, dayOfWeek: String)
    /// Once a day at a local time.
    case daily(at: LocalTimeOfDay)
    /// Once an hour at a minute past the hour.
    case hourly(minute: Int)
    /// Every N minutes from local midnight; N divides 60 or is a multiple of 60 dividing 1440.
    case everyMinutes(Int)

    /// Parses schedule text, or returns why it cannot be read (a sentence naming the fix).
    public static func parse(_ text: String) -> Result<ScheduleExpression, ScheduleSyntaxError> {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return .failure(.init("schedule is empty; write a cron line such as \"0 5 * * *\" or a phrase such as \"daily at 05:00\"")) }
        if words.count == 5, let first = words.first?.first, first.isASCIIDigit || "*".contains(first) {
            return parseCron(words)
        }
        return parsePhrase(words)
    }

    private static func parsePhrase(_ words: [String]) -> Result<ScheduleExpression, ScheduleSyntaxError> {
        let phraseHelp = "write \"hourly at :MM\", \"daily at HH:MM\", \"every N minutes\" or a 5-field cron line"
        switch (words.count, words.first) {
        case (3, "hourly") where words[1] == "at":
            let minuteText = words[2]
            guard minuteText.hasPrefix(":"), minuteText.count == 3,
                  let minute = Int(minuteText.dropFirst()), (0...59).contains(minute) else {
                return .failure(.init("\"hourly at\" needs a minute written \":MM\" (00–59), as in \"hourly at :05\""))
            }
            return .success(.hourly(minute: minute))
        case (3, "daily") where words[1] == "at":
            guard let time = LocalTimeOfDay(parsing: words[2]) else {
                return .failure(.init("\"daily at\" needs a time HH:MM between 00:00 and 23:59, as in \"daily at 05:00\""))
            }
            return .success(.daily(at: time))
        case (3, "every") where words[2] == "minutes" || words[2] == "minute":
            guard let step = Int(words[1]), step > 0,
                  (step <= 60 && 60 % step == 0) || (step % 60 == 0 && 1440 % step == 0) else {
                return .failure(.init("\"every N minutes\" needs N that divides 60 (1, 5, 15, 30, …) or a whole number of hours dividing 24"))
            }
            return .success(.everyMinutes(step))
        default:
            return .failure(.init("schedule is neither a recurrence phrase nor a 5-field cron line; \(phraseHelp)"))
        }
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    private struct CronField {
        let name: String
        let range: ClosedRange<Int>
        let names: [String]
        /// Value of names[0].
        let firstNameValue: Int
    }

    private static let cronFields = [
        CronField(name: "minute", range: 0...59, names: [], firstNameValue: 0),
        CronField(name: "hour", range: 0...23, names: [], firstNameValue: 0),
        CronField(name: "day of month", range: 1...31, names: [], firstNameValue: 1),
        CronField(name: "month", range: 1...12, names: monthNames, firstNameValue: 1),
        CronField(name: "day of week", range: 0...7, names: weekdayNames, firstNameValue: 0),
    ]

    private static func parseCron(_ words: [String]) -> Result<ScheduleExpression, ScheduleSyntaxError> {
        for (word, field) in zip(words, cronFields) {
            if let problem = cronProblem(word, field) {
                return .failure(.init("cron \(field.name) field \"\(word)\": \(problem)"))
            }
        }
        return .success(.cron(minute: words[0], hour: words[1], dayOfMonth: words[2], month: words[3], dayOfWeek: words[4]))
    }

    /// Checks one field: a comma list of `*`, `N` or `N-M`, each optionally `/step`.
    private static func cronProblem(_ word: String, _ field: CronField) -> String? {
        let bounds = "\(field.range.lowerBound)–\(field.range.upperBound)"
        for item in word.split(separator: ",", omittingEmptySubsequences: false) {
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard stepParts.count <= 2 else { return "more than one '/'" }
            if stepParts.count == 2 {
                guard let step = Int(stepParts[1]), step > 0, step <= field.range.upperBound else {
                    return "step after '/' must be a number from 1 to \(field.range.upperBound)"
                }
            }
            let base = stepParts[0]
            if base == "*" { continue }
            let ends = base.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count) else { return "expected *, N or N-M (N in \(bounds))" }
            var values: [Int] = []
            for end in ends {
                guard let value = cronValue(end, field) else {
                    return "\"\(end)\" is not a number in \(bounds)" + (field.names.isEmpty ? "" : " or a name (\(field.names.joined(separator: ", ")))")
                }
                values.append(value)
            }
            if values.count == 2, values[0] > values[1] { return "range \(base) runs backwards" }
        }
        return nil
    }

    private static func cronValue(_ text: Substring, _ field: CronField) -> Int? {
        if let index = field.names.firstIndex(of: String(text)) { return index + field.firstNameValue }
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let value = Int(text), field.range.contains(value) else { return nil }
        return value
    }
}

/// Why schedule text cannot be read.
public struct ScheduleSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
