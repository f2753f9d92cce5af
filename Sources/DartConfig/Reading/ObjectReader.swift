/// Reads the members of one JSON object with type checks. Each getter returns the default on a
/// problem (after recording it), so one pass finds every problem. `finish()` reports keys no
/// getter asked for as unknown.
final class ObjectReader {
    let path: String
    let members: [JSONMember]
    let node: JSONNode
    let context: ReadContext
    private var knownKeys: [String] = []

    init(path: String, node: JSONNode, context: ReadContext) {
        self.path = path
        self.node = node
        self.members = node.members ?? []
        self.context = context
    }

    /// The member's node, or nil when absent. Marks the key as known.
    func member(_ key: String) -> JSONNode? {
        if !knownKeys.contains(key) { knownKeys.append(key) }
        return members.first { $0.key == key }?.node
    }

    func childPath(_ key: String) -> String { joinPath(path, key) }

    func wrongType(_ key: String, _ found: JSONNode, expected: String) {
        context.error(.wrongType, childPath(key), at: found, "expected \(expected), got \(found.typeName)")
    }

    func invalid(_ key: String, _ found: JSONNode, value: String? = nil, _ message: String) {
        context.error(.invalidValue, childPath(key), at: found, value: value, message)
    }

    // MARK: scalars

    func bool(_ key: String, _ fallback: Bool) -> Bool {
        guard let found = member(key) else { return fallback }
        guard case .bool(let flag) = found.value else { wrongType(key, found, expected: "true or false"); return fallback }
        return flag
    }

    /// The text of a string member; nil (after recording why) when it is not a string or
    /// carries a credential. Every string getter goes through here, so no secret is echoed.
    func text(_ key: String, _ found: JSONNode, expected: String) -> String? {
        guard case .string(let text) = found.value else { wrongType(key, found, expected: expected); return nil }
        guard !rejectCredential(key, text, at: found) else { return nil }
        return text
    }

    func string(_ key: String, _ fallback: String, allowEmpty: Bool = true) -> String {
        guard let found = member(key), let text = text(key, found, expected: "a string") else { return fallback }
        if !allowEmpty && text.isEmpty { invalid(key, found, "must not be empty"); return fallback }
        return text
    }

    /// A string or null: absent gives `fallback`; null or "" gives nil.
    func optionalString(_ key: String, _ fallback: String?) -> String? {
        guard let found = member(key) else { return fallback }
        if case .null = found.value { return nil }
        guard let text = text(key, found, expected: "a string or null") else { return fallback }
        return text.isEmpty ? nil : text
    }

    func int(_ key: String, _ fallback: Int, in range: ClosedRange<Int>) -> Int {
        guard let found = member(key) else { return fallback }
        guard case .number(let number) = found.value else { wrongType(key, found, expected: "a whole number"); return fallback }
        guard number == number.rounded(), abs(number) < 1e15 else {
            wrongType(key, found, expected: "a whole number"); return fallback
        }
        let value = Int(number)
        guard range.contains(value) else {
            invalid(key, found, value: String(value), "must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
            return fallback
        }
        return value
    }

    func double(_ key: String, _ fallback: Double, in range: ClosedRange<Double>) -> Double {
        guard let found = member(key) else { return fallback }
        guard case .number(let number) = found.value else { wrongType(key, found, expected: "a number"); return fallback }
        guard range.contains(number) else {
            let text = JSONWriter.format(number)
            invalid(key, found, value: text, "must be between \(JSONWriter.format(range.lowerBound)) and \(JSONWriter.format(range.upperBound)), got \(text)")
            return fallback
        }
        return number
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, _ fallback: Choice) -> Choice where Choice.RawValue == String {
        guard let found = member(key), let text = text(key, found, expected: "one of \(Self.choices(Choice.self))") else { return fallback }
        return parseChoice(text, key: key, at: found) ?? fallback
    }

    func parseChoice<Choice: RawRepresentable & CaseIterable>(_ text: String, key: String, at found: JSONNode) -> Choice? where Choice.RawValue == String {
        if let choice = Choice(rawValue: text) { return choice }
        invalid(key, found, value: text, "expected one of \(Self.choices(Choice.self)), got \"\(text)\"")
        return nil
    }

    static func choices<Choice: RawRepresentable & CaseIterable>(_ type: Choice.Type) -> String where Choice.RawValue == String {
        Choice.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// A string read by `parse`, which returns the value or a sentence saying what is wrong.
    func parsed<Value>(_ key: String, _ fallback: Value, parse: (String) -> Result<Value, ScheduleSyntaxError>) -> Value {
        guard let found = member(key), let text = text(key, found, expected: "a string") else { return fallback }
        switch parse(text) {
        case .success(let value): return value
        case .failure(let problem):
            invalid(key, found, value: text, "\"\(text)\": \(problem.message)")
            return fallback
        }
    }

    func timeOfDay(_ key: String, _ fallback: LocalTimeOfDay) -> LocalTimeOfDay {
        parsed(key, fallback) { text in
            LocalTimeOfDay(parsing: text).map { .success($0) }
                ?? .failure(ScheduleSyntaxError("expected a time HH:MM between 00:00 and 23:59, such as \"13:30\""))
        }
    }

    /// The name of an environment variable (never its value).
    func environmentVariableName(_ key: String, _ fallback: String) -> String {
        guard let found = member(key) else { return fallback }
        guard case .string(let text) = found.value else { wrongType(key, found, expected: "an environment variable name"); return fallback }
        guard LiteralSecretDetector.isEnvironmentVariableName(text) else {
            // The value may be the secret itself pasted into the wrong key: do not echo it.
            invalid(key, found, "expected the NAME of an environment variable (letters, digits and _, such as \(fallback)); the value is not shown in case it is a secret. Put the secret in that variable or in .env")
            return fallback
        }
        return text
    }

    // MARK: containers

    func array(_ key: String, expected: String) -> [JSONNode]? {
        guard let found = member(key) else { return nil }
        guard case .array(let elements) = found.value else { wrongType(key, found, expected: expected); return nil }
        return elements
    }

    func stringArray(_ key: String, _ fallback: [String]) -> [String] {
        elements(key, fallback, expected: "an array of strings", elementType: "a string") { node in
            if case .string(let text) = node.value { return text } else { return nil }
        }
    }

    func doubleArray(_ key: String, _ fallback: [Double]) -> [Double] {
        elements(key, fallback, expected: "an array of numbers", elementType: "a number") { node in
            if case .number(let number) = node.value { return number } else { return nil }
        }
    }

    /// Reads every element with `read` (nil means the wrong type, recorded with its index).
    private func elements<Element>(_ key: String, _ fallback: [Element], expected: String, elementType: String,
                                   _ read: (JSONNode) -> Element?) -> [Element] {
        guard let nodes = array(key, expected: expected) else { return fallback }
        var result: [Element] = []
        result.reserveCapacity(nodes.count)
        for (position, node) in nodes.enumerated() {
            guard let element = read(node) else { wrongType("\(key)[\(position)]", node, expected: elementType); return fallback }
            result.append(element)
        }
        return result
    }

    /// The nested object, or nil when absent or null (a wrong type is recorded).
    func object(_ key: String) -> ObjectReader? {
        guard let found = member(key) else { return nil }
        if case .null = found.value { return nil }
        guard found.members != nil else { wrongType(key, found, expected: "an object"); return nil }
        return ObjectReader(path: childPath(key), node: found, context: context)
    }

    /// Reads a nested object with `body`, then reports its unknown keys.
    func section<Value>(_ key: String, _ fallback: Value, _ body: (ObjectReader) -> Value) -> Value {
        guard let child = object(key) else { return fallback }
        let value = body(child)
        child.finish()
        return value
    }

    // MARK: secrets

    /// Refuses a literal secret under `key`; the secret belongs in `envVar` (named by `envKey`).
    func rejectLiteralSecret(_ key: String, envKey: String, envVar: String) {
        guard let found = member(key) else { return }
        LiteralSecretRule.check(found, path: childPath(key), envKey: joinPath(path, envKey), envVar: envVar, context: context)
    }

    private func rejectCredential(_ key: String, _ text: String, at found: JSONNode) -> Bool {
        if let parameter = LiteralSecretDetector.credentialQueryParameter(text) {
            context.error(.literalSecret, childPath(key), at: found,
                "is a URL whose query string carries a credential ('\(parameter)'); settings.json must not contain secrets. Move the URL into an environment variable or .env (webhook URLs: the variable named by the channel's url_env key); an endpoint setting takes the address only, with credentials from its *_env keys (the value is not shown)")
            return true
        }
        guard LiteralSecretDetector.containsCredential(text) else { return false }
        context.error(.literalSecret, childPath(key), at: found,
            "holds a credential (a password in a URL, DSN or connection string); settings.json must not contain secrets. Remove it from the value and put the secret in an environment variable or .env, named by the matching *_env key (the value is not shown)")
        return true
    }

    /// Reports members no getter asked for.
    func finish() {
        for member in members where !knownKeys.contains(member.key) {
            let suggestion = closestKey(to: member.key).map { " Did you mean \"\($0)\"?" } ?? ""
            context.error(.unknownKey, childPath(member.key), at: member.node,
                "unknown key.\(suggestion) Keys allowed here: \(knownKeys.joined(separator: ", ")). Remove it or fix its spelling")
        }
    }

    private func closestKey(to key: String) -> String? {
        let scored = knownKeys.map { ($0, editDistance($0, key)) }.filter { $0.1 <= max(2, key.count / 4) }
        return scored.min { $0.1 < $1.1 }?.0
    }
}

/// Levenshtein distance over characters; keys are short.
func editDistance(_ a: String, _ b: String) -> Int {
    let left = Array(a), right = Array(b)
    guard !left.isEmpty else { return right.count }
    guard !right.isEmpty else { return left.count }
    var previous = Array(0...right.count)
    var current = [Int](repeating: 0, count: right.count + 1)
    for i in 1...left.count {
        current[0] = i
        for j in 1...right.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[right.count]
}
