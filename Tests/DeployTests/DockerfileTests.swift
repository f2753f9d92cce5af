import DartTesting
import Foundation
import Testing

@Suite struct DockerfileTests {
    static let dockerfile = DeployTools.root.appendingPathComponent("Dockerfile")

    @Test func hadolintAcceptsTheDockerfile() throws {
        let result = try DeployTools.run(DeployTools.hadolint, [Self.dockerfile.path])
        #expect(result.status == 0, "hadolint: \(result.output)")
    }

    @Test func hadolintRejectsABrokenCopy() throws {
        let broken = try DeployTools.brokenCopy(of: Self.dockerfile, replacing: "COPY config /opt/dartcast/config",
                                                with: "ADD config /opt/dartcast/config", name: "Dockerfile")
        let result = try DeployTools.run(DeployTools.hadolint, [broken.path])
        #expect(result.status != 0)
        #expect(result.output.contains("DL3020"), "hadolint should name the rule: \(result.output)")
    }

    @Test func runtimeStageRunsAsNonRootWithAHealthCheckOnHealthz() throws {
        let text = try String(contentsOf: Self.dockerfile, encoding: .utf8)
        let runtime = text.components(separatedBy: "\nFROM ").last ?? ""
        #expect(runtime.contains("\nUSER 10001"))
        #expect(runtime.contains("HEALTHCHECK") && runtime.contains("http://127.0.0.1:8080/healthz"))
        #expect(runtime.contains(#"CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]"#))
        #expect(text.components(separatedBy: "\nFROM ").count >= 2, "multi-stage: a build stage and a runtime stage")
    }

    // Every library the binary loads comes from a Debian package the runtime stage installs, the Swift
    // runtime it copies, or the wheels' libraries it copies to the rpath.
    @Test func everyLibraryTheBinaryLoadsIsProvidedByTheRuntimeStage() throws {
        let ldd = try Self.lddOfDartcast()
        let check = RuntimeLibraryCheck(stage: RuntimeStage(dockerfile: try String(contentsOf: Self.dockerfile, encoding: .utf8)),
                                        owner: DebianPackages.owner(of:), dependencies: DebianPackages.dependencies(of:))
        #expect(RuntimeLibraryCheck.resolvedLibraries(ldd).count > 20, "ldd output: \(ldd)")
        let problems = check.unprovided(ldd: ldd)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func aLibraryNoStageProvidesIsNamed() throws {
        let ldd = try Self.lddOfDartcast()
        let text = try String(contentsOf: Self.dockerfile, encoding: .utf8)
        let stripped = text.replacingOccurrences(of: " libsqlite3-0 ", with: " ")
            .replacingOccurrences(of: "COPY --from=build /usr/lib/swift/linux/*.so /usr/lib/swift/linux/\n", with: "")
            .replacingOccurrences(of: "COPY --from=build /opt/dartcast/.deps/py/xgboost_cpu.libs /opt/dartcast/.deps/py/xgboost_cpu.libs\n", with: "")
        #expect(stripped != text)
        let check = RuntimeLibraryCheck(stage: RuntimeStage(dockerfile: stripped),
                                        owner: DebianPackages.owner(of:), dependencies: DebianPackages.dependencies(of:))
        let problems = check.unprovided(ldd: ldd).joined(separator: "\n")
        #expect(problems.contains("libsqlite3.so.0") && problems.contains("libsqlite3-0"), "\(problems)")
        #expect(problems.contains("libswiftCore.so"), "\(problems)")
        #expect(problems.contains("libgomp-"), "\(problems)")
    }

    @Test func parsesTheRuntimeStageOnly() {
        let stage = RuntimeStage(dockerfile: """
            FROM swift AS build
            RUN apt-get install -y buildonly-dev && echo
            FROM debian:bookworm-slim
            RUN apt-get update \\
             && apt-get install -y --no-install-recommends libfoo1 libbar2=1.2-3 \\
             && rm -rf /var/lib/apt/lists/*
            COPY --from=build /a/lib /a/lib
            COPY config /etc/config
            """)
        #expect(stage.aptPackages == ["libfoo1", "libbar2"])
        #expect(stage.copiedFromBuild == ["/a/lib"])
    }

    // SwiftPM refuses a manifest whose target folders are missing, test targets included.
    @Test func theBuildStageContextIsEnoughForSwiftPM() throws {
        let text = try String(contentsOf: Self.dockerfile, encoding: .utf8)
        let context = try Self.buildContext(dockerfile: text)
        #expect(context.contains("Package.swift") && context.contains("Sources"))
        let result = try Self.describePackage(copying: context)
        #expect(result.status == 0, "swift package describe on the build context: \(result.output)")
    }

    @Test func aBuildContextWithoutTestsIsRejectedBySwiftPM() throws {
        let context = try Self.buildContext(dockerfile: try String(contentsOf: Self.dockerfile, encoding: .utf8)).filter { $0 != "Tests" }
        let result = try Self.describePackage(copying: context)
        #expect(result.status != 0)
        #expect(result.output.contains("Tests/"), "\(result.output)")
    }

    /// Paths the build stage copies from the context (before the first `FROM … AS runtime`), minus what `.dockerignore` drops.
    static func buildContext(dockerfile: String) throws -> [String] {
        let ignored = Set(try String(contentsOf: DeployTools.root.appendingPathComponent(".dockerignore"), encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.hasPrefix("#") })
        let buildStage = dockerfile.components(separatedBy: "\nFROM ").dropFirst().first ?? ""
        return buildStage.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ").map(String.init)
            guard words.first == "COPY", !words.contains(where: { $0.hasPrefix("--") }), words.count == 3 else { return nil }
            let source = words[1].hasSuffix("/") ? String(words[1].dropLast()) : words[1]
            return ignored.contains(source) || ignored.contains(String(source.split(separator: "/")[0])) ? nil : source
        }
    }

    static func describePackage(copying paths: [String]) throws -> DeployTools.Result {
        let directory = try SamplePaths.temporaryDirectory("dartcast-context")
        defer { try? FileManager.default.removeItem(at: directory) }
        for path in paths {
            let target = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: DeployTools.root.appendingPathComponent(path), to: target)
        }
        return try DeployTools.run(URL(fileURLWithPath: "/usr/bin/env"), ["swift", "package", "describe"], directory: directory)
    }

    static func lddOfDartcast() throws -> String {
        let result = try DeployTools.run(URL(fileURLWithPath: "/usr/bin/ldd"), [try DeployTools.dartcastBinary().path])
        try #require(result.status == 0, "ldd failed: \(result.output)")
        #expect(!result.output.contains("not found"), "the binary has unresolved libraries here: \(result.output)")
        return result.output
    }
}
