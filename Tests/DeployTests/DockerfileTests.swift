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

    static func lddOfDartcast() throws -> String {
        let result = try DeployTools.run(URL(fileURLWithPath: "/usr/bin/ldd"), [try DeployTools.dartcastBinary().path])
        try #require(result.status == 0, "ldd failed: \(result.output)")
        #expect(!result.output.contains("not found"), "the binary has unresolved libraries here: \(result.output)")
        return result.output
    }
}
