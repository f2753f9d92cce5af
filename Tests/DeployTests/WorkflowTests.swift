import Foundation
import Testing

@Suite struct WorkflowTests {
    static let workflows = DeployTools.root.appendingPathComponent(".github/workflows")
    static var files: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: workflows, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "yml" }.sorted { $0.path < $1.path }
    }

    @Test func actionlintAcceptsTheWorkflows() throws {
        try #require(Self.files.count >= 2, "expected the pr and main workflows in .github/workflows")
        let result = try DeployTools.run(DeployTools.actionlint, ["-no-color"] + Self.files.map(\.path))
        #expect(result.status == 0, "actionlint: \(result.output)")
    }

    @Test func actionlintRejectsABrokenCopy() throws {
        let broken = try DeployTools.brokenCopy(of: Self.workflows.appendingPathComponent("main.yml"),
                                                replacing: "    needs: image\n    runs-on:", with: "    needs: imag\n    runs-on:")
        let result = try DeployTools.run(DeployTools.actionlint, ["-no-color", broken.path])
        #expect(result.status != 0)
        #expect(result.output.contains("imag"), "actionlint should name the unknown job: \(result.output)")
    }

    @Test func everyActionIsPinnedToACommitWithItsVersion() throws {
        var uses: [String] = []
        for file in Self.files {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where line.contains("uses:") {
                uses.append(line.trimmingCharacters(in: .whitespaces))
            }
        }
        #expect(!uses.isEmpty)
        let pinned = /(- )?uses: [\w.\-]+\/[\w.\-\/]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/
        for line in uses {
            #expect(line.wholeMatch(of: pinned) != nil, "not pinned to a full commit SHA with a version comment: \(line)")
        }
    }

    @Test func pushToMainBuildsPushesTriggersAzureMLAndHonoursRetrainAndDeploy() throws {
        let main = try String(contentsOf: Self.workflows.appendingPathComponent("main.yml"), encoding: .utf8)
        for secret in ["ACR_USERNAME", "ACR_PASSWORD", "AZURE_CREDENTIALS", "AZURE_RESOURCE_GROUP", "AZURE_ML_WORKSPACE"] {
            #expect(main.contains("secrets.\(secret)"), "main.yml does not use the secret \(secret)")
        }
        #expect(main.contains("branches: [main]"))
        #expect(main.contains("contains(github.event.head_commit.message, '[retrain]')"))
        #expect(main.contains("--set inputs.retrain=\"$RETRAIN\""))
        #expect(main.contains("if: contains(github.event.head_commit.message, '[deploy]')"))
        #expect(main.contains("az containerapp update"))
        #expect(main.contains("az ml job create") && main.contains("deploy/azureml/pipeline.yml"))
        let pr = try String(contentsOf: Self.workflows.appendingPathComponent("pr.yml"), encoding: .utf8)
        #expect(pr.contains("pull_request:") && pr.contains("run: bash .ci/run"))
    }
}
