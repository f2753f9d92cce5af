import Foundation
import Testing

@Suite struct KubernetesTests {
    static let directory = DeployTools.deployDirectory.appendingPathComponent("k8s")
    /// The Kubernetes version the manifests target (AKS's supported range; schemas bundled with kubernetes-validate).
    static let kubernetesVersion = "1.33.0"
    static var files: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
    }

    static func validate(_ paths: [String]) throws -> DeployTools.Result {
        try DeployTools.requirePackage("kubernetes_validate")
        return try DeployTools.run(URL(fileURLWithPath: "/usr/bin/env"),
                            ["python3", "-m", "kubernetes_validate", "--strict", "-k", kubernetesVersion] + paths)
    }

    @Test func kubernetesValidateStrictAcceptsEveryManifest() throws {
        try #require(Self.files.count >= 5, "expected the manifests in deploy/k8s")
        let result = try Self.validate(Self.files.map(\.path))
        #expect(result.status == 0, "kubernetes-validate: \(result.output)")
        #expect(result.output.components(separatedBy: " passed ").count - 1 == Self.files.count, "\(result.output)")
    }

    @Test func kubernetesValidateRejectsAMisspelledKey() throws {
        let broken = try DeployTools.brokenCopy(of: Self.directory.appendingPathComponent("cronjob-daily.yaml"),
                                                replacing: "  concurrencyPolicy: Forbid", with: "  concurencyPolicy: Forbid")
        let result = try Self.validate([broken.path])
        #expect(result.status != 0)
        #expect(result.output.contains("concurencyPolicy"), "\(result.output)")
    }

    static func resources(kind: String) throws -> [[String: Any]] {
        try files.flatMap { try DeployTools.yamlDocuments($0) }.filter { $0["kind"] as? String == kind }
    }

    @Test func cronJobsForbidOverlapRunInAValidTimeZoneAndHaveADeadline() throws {
        let cronJobs = try Self.resources(kind: "CronJob")
        #expect(cronJobs.count == 2)
        for job in cronJobs {
            let spec = try #require(job["spec"] as? [String: Any])
            let issues = KubernetesPolicy.cronJobIssues(spec)
            #expect(issues.isEmpty, "\(issues)")
        }
        let schedules = cronJobs.compactMap { ($0["spec"] as? [String: Any])?["schedule"] as? String }.sorted()
        #expect(schedules == ["0 5 * * *", "5 * * * *"])
    }

    // `serve` and `train --shard` come from other branches; the CronJobs' commands exist today.
    @Test func cronJobCommandsUseExistingSubcommandsAndFlags() throws {
        var commands: [String: String] = [:]
        for job in try Self.resources(kind: "CronJob") {
            let name = (job["metadata"] as? [String: Any])?["name"] as? String ?? "?"
            let jobSpec = ((job["spec"] as? [String: Any])?["jobTemplate"] as? [String: Any])?["spec"] as? [String: Any]
            let pod = (jobSpec?["template"] as? [String: Any])?["spec"] as? [String: Any]
            let args = try #require(((pod?["containers"] as? [[String: Any]])?.first?["args"]) as? [String])
            commands[name] = (["dartcast"] + args).joined(separator: " ")
        }
        #expect(commands.count == 2)
        let unknown = try CommandLineCheck(binary: try DeployTools.dartcastBinary()).unknownFlags(in: commands)
        #expect(unknown.isEmpty, "\(unknown.joined(separator: "\n"))")
    }

    @Test func cronJobPolicyCatchesOverlapAndBadZones() {
        #expect(KubernetesPolicy.cronJobIssues(["concurrencyPolicy": "Allow", "timeZone": "America/Chicago", "startingDeadlineSeconds": 600]).count == 1)
        #expect(KubernetesPolicy.cronJobIssues(["concurrencyPolicy": "Forbid", "timeZone": "Central Standard Time", "startingDeadlineSeconds": 600]).count == 1)
        #expect(KubernetesPolicy.cronJobIssues(["concurrencyPolicy": "Forbid", "timeZone": "America/Chicago"]).count == 1)
        #expect(KubernetesPolicy.cronJobIssues(["concurrencyPolicy": "Forbid", "timeZone": "America/Chicago", "startingDeadlineSeconds": 600]).isEmpty)
    }

    @Test func serverDeploymentProbesHealthAndReadinessAsNonRootWithResources() throws {
        let deployment = try #require(try Self.resources(kind: "Deployment").first)
        let pod = try #require(((deployment["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect((pod["securityContext"] as? [String: Any])?["runAsNonRoot"] as? Bool == true)
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        #expect(((container["livenessProbe"] as? [String: Any])?["httpGet"] as? [String: Any])?["path"] as? String == "/healthz")
        #expect(((container["readinessProbe"] as? [String: Any])?["httpGet"] as? [String: Any])?["path"] as? String == "/readyz")
        #expect((container["resources"] as? [String: Any])?["limits"] != nil)
        #expect((container["args"] as? [String])?.prefix(5) == ["serve", "--host", "0.0.0.0", "--port", "8080"])
    }

    @Test func shardedTrainingIsAnIndexedJobTakingItsShardFromTheCompletionIndex() throws {
        let job = try #require(try Self.resources(kind: "Job").first)
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        let container = try #require((((spec["template"] as? [String: Any])?["spec"] as? [String: Any])?["containers"] as? [[String: Any]])?.first)
        let args = try #require(container["args"] as? [String])
        #expect(args.first == "train")
        #expect(args.contains("$(JOB_COMPLETION_INDEX)/\(completions)"), "--shard must be $(JOB_COMPLETION_INDEX)/\(completions): \(args)")
    }

    @Test func noLiteralSecretsOnlyReferences() throws {
        #expect(try Self.resources(kind: "Secret").isEmpty, "secrets are created with kubectl from .env, never committed")
        for file in Self.files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.range(of: #"(?i)(password|token|dsn|webhook_url|secret_key)\s*:\s*\S"#, options: .regularExpression) == nil,
                    "\(file.lastPathComponent) holds a literal secret")
            if text.contains("containers:") {
                #expect(text.contains("secretRef:") && text.contains("name: dartcast-secrets"), "\(file.lastPathComponent) does not reference the secret")
                #expect(text.contains("configMap:") && text.contains("name: dartcast-config"), "\(file.lastPathComponent) does not reference the config")
            }
        }
    }
}

/// Rules the schema validator does not check.
enum KubernetesPolicy {
    static func cronJobIssues(_ spec: [String: Any]) -> [String] {
        var issues: [String] = []
        if spec["concurrencyPolicy"] as? String != "Forbid" {
            issues.append("concurrencyPolicy is \(spec["concurrencyPolicy"] ?? "unset"); it must be Forbid so a slot never runs twice at once")
        }
        let zone = spec["timeZone"] as? String ?? ""
        if TimeZone(identifier: zone) == nil || !zone.contains("/") {
            issues.append("timeZone '\(zone)' is not an IANA zone such as America/Chicago")
        }
        if !(spec["startingDeadlineSeconds"] is Int) { issues.append("startingDeadlineSeconds is not set") }
        return issues
    }
}
