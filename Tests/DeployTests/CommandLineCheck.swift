import Foundation

/// Finds `dartcast SUB --flag …` in shell command lines and checks each against `dartcast SUB --help`.
struct CommandLineCheck {
    let binary: URL

    struct Invocation: Hashable {
        var subcommand: String
        var flags: [String]
    }

    /// Each `dartcast` invocation in `command`: the subcommand and its `--flags`, up to the next shell operator.
    static func invocations(in command: String) -> [Invocation] {
        let words = command.split(whereSeparator: \.isWhitespace).map(String.init)
        var found: [Invocation] = []
        var index = 0
        while index < words.count {
            defer { index += 1 }
            guard words[index] == "dartcast", index + 1 < words.count else { continue }
            var invocation = Invocation(subcommand: words[index + 1], flags: [])
            var next = index + 2
            while next < words.count, !["&&", "||", "|", ";", ">", ">>", "<"].contains(words[next]) {
                if words[next].hasPrefix("--") { invocation.flags.append(String(words[next].split(separator: "=")[0])) }
                next += 1
            }
            found.append(invocation)
            index = next - 1
        }
        return found
    }

    /// One line per unknown subcommand or flag, naming the step.
    func unknownFlags(in commands: [String: String]) throws -> [String] {
        var helps: [String: String?] = [:]
        var problems: [String] = []
        for (step, command) in commands.sorted(by: { $0.key < $1.key }) {
            for invocation in Self.invocations(in: command) {
                if helps[invocation.subcommand] == nil { helps[invocation.subcommand] = try help(invocation.subcommand) }
                guard let help = helps[invocation.subcommand] ?? nil else {
                    problems.append("\(step): `dartcast \(invocation.subcommand)` is not a dartcast subcommand")
                    continue
                }
                let options = Self.options(inHelp: help)
                for flag in invocation.flags where !options.contains(flag) {
                    problems.append("\(step): `dartcast \(invocation.subcommand)` has no option \(flag)")
                }
            }
        }
        return problems
    }

    /// The help text, or nil when the subcommand does not exist (then ArgumentParser prints the root help).
    private func help(_ subcommand: String) throws -> String? {
        let result = try DeployTools.run(binary, [subcommand, "--help"])
        let usage = "USAGE: dartcast \(subcommand)"
        guard result.status == 0, result.output.contains(usage + " ") || result.output.contains(usage + "\n") else { return nil }
        return result.output
    }

    /// The option names in the OPTIONS section only (the discussion may mention other commands' flags).
    static func options(inHelp help: String) -> Set<String> {
        var names: Set<String> = []
        var inOptions = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" "), line.hasSuffix(":") { inOptions = line == "OPTIONS:"; continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard inOptions, trimmed.hasPrefix("-") else { continue }
            for word in trimmed.split(separator: " ") {
                guard word.hasPrefix("-") else { break }
                for name in word.split(separator: "/") { names.insert(String(name.trimmingCharacters(in: CharacterSet(charactersIn: ",")))) }
            }
        }
        return names
    }
}
