import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the final stage of a Dockerfile provides to the binary: the Debian packages it
/// apt-installs and the paths it copies from an earlier stage.
struct RuntimeStage {
    var aptPackages: Set<String> = []
    /// Source paths of `COPY --from=…` (globs allowed).
    var copiedFromBuild: [String] = []

    init(dockerfile: String) {
        // Join continuation lines, then keep only the instructions after the last FROM.
        let logical = dockerfile.replacingOccurrences(of: "\\\n", with: " ")
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let lastFrom = logical.lastIndex { $0.uppercased().hasPrefix("FROM ") } ?? 0
        for line in logical[lastFrom...] {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if words.first?.uppercased() == "COPY", words.contains(where: { $0.hasPrefix("--from=") }) {
                let paths = words.dropFirst().filter { !$0.hasPrefix("--") }
                copiedFromBuild += paths.dropLast()
            }
            if words.first?.uppercased() == "RUN" { aptPackages.formUnion(Self.aptInstalled(words)) }
        }
    }

    /// Package names after each `apt-get install` up to the next shell operator; options and `=version` dropped.
    static func aptInstalled(_ words: [String]) -> [String] {
        var packages: [String] = []
        var index = 0
        while index < words.count {
            if words[index] == "apt-get", index + 1 < words.count, words[index + 1] == "install" {
                index += 2
                while index < words.count, !["&&", "||", ";", "|"].contains(words[index]) {
                    if !words[index].hasPrefix("-") { packages.append(String(words[index].split(separator: "=")[0])) }
                    index += 1
                }
            }
            index += 1
        }
        return packages
    }
}

/// Checks that every library `ldd` resolves for the binary is provided by the runtime stage.
struct RuntimeLibraryCheck {
    let stage: RuntimeStage
    /// Debian package owning a file (`dpkg -S`), nil when none does.
    let owner: (String) -> String?
    /// Direct dependencies of an installed Debian package.
    let dependencies: (String) -> [String]

    /// Libraries no stage provides, each with what to do about it.
    func unprovided(ldd: String) -> [String] {
        let closure = packageClosure(stage.aptPackages)
        var problems: [String] = []
        for (name, path) in Self.resolvedLibraries(ldd) {
            let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
            if let range = standardized.range(of: "/lib/swift/linux/") {
                let file = String(standardized[range.upperBound...])
                if !copied("/usr/lib/swift/linux/" + file) {
                    problems.append("\(name) (Swift runtime, \(path)): copy /usr/lib/swift/linux/*.so from the build stage")
                }
            } else if let range = standardized.range(of: "/.deps/py/") {
                let relative = String(standardized[range.upperBound...])
                if !copied("/opt/dartcast/.deps/py/" + relative) {
                    problems.append("\(name) (wheel library .deps/py/\(relative)): copy it from the build stage to /opt/dartcast/.deps/py/\(relative)")
                }
            } else if let package = owner(path) ?? owner(standardized) ?? owner(URL(fileURLWithPath: path).resolvingSymlinksInPath().path) {
                if !closure.contains(package) {
                    problems.append("\(name) (\(path)) comes from Debian package \(package): add it to the runtime stage's apt-get install")
                }
            } else {
                problems.append("\(name) (\(path)) belongs to no Debian package, the Swift runtime or a wheel: no stage provides it")
            }
        }
        return problems
    }

    /// Whether a `COPY --from` source equals, contains (as a folder) or glob-matches `path`.
    func copied(_ path: String) -> Bool {
        stage.copiedFromBuild.contains { source in
            let folder = source.hasSuffix("/") ? source : source + "/"
            return source == path || path.hasPrefix(folder) || fnmatch(source, path, 0) == 0
        }
    }

    /// The packages apt installs for `roots`: the roots and their Depends/Pre-Depends, recursively.
    func packageClosure(_ roots: Set<String>) -> Set<String> {
        var seen = roots
        var queue = Array(roots)
        while let package = queue.popLast() {
            for dependency in dependencies(package) where seen.insert(dependency).inserted { queue.append(dependency) }
        }
        return seen
    }

    /// `name => /path (0x…)` lines; the vdso and the loader line have no resolved path and are skipped.
    static func resolvedLibraries(_ ldd: String) -> [(name: String, path: String)] {
        ldd.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard let arrow = parts.firstIndex(of: "=>"), arrow + 1 < parts.count, parts[arrow + 1].hasPrefix("/") else { return nil }
            return (parts[0].trimmingCharacters(in: .whitespaces), parts[arrow + 1])
        }
    }
}

/// The real dpkg database of this machine.
enum DebianPackages {
    static func owner(of path: String) -> String? {
        guard let result = try? DeployTools.run(URL(fileURLWithPath: "/usr/bin/dpkg"), ["-S", path]), result.status == 0,
              let first = result.output.split(separator: "\n").first, let colon = first.range(of: ": ") else { return nil }
        // "libsqlite3-0:amd64: /usr/lib/…" → libsqlite3-0
        return String(first[..<colon.lowerBound]).split(separator: ",")[0].split(separator: ":")[0].trimmingCharacters(in: .whitespaces)
    }

    static func dependencies(of package: String) -> [String] {
        guard let result = try? DeployTools.run(URL(fileURLWithPath: "/usr/bin/dpkg-query"), ["-W", "-f=${Depends}, ${Pre-Depends}", package]),
              result.status == 0 else { return [] }
        // "libc6 (>= 2.34), libfoo1 | libbar1": apt takes the first alternative.
        return result.output.split(separator: ",").compactMap { item in
            let first = item.split(separator: "|").first ?? item
            let name = first.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init)
            return name?.split(separator: ":").first.map(String.init)
        }
    }
}
