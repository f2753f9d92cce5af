import Foundation
import PackagePlugin

/// Embeds the target's `openapi.yaml` as a Swift string (`OpenAPISpecText.yaml`), so the binary
/// serves the very file the generator read without shipping resource bundles (the image copies
/// only the executable).
@main
struct EmbedOpenAPISpec: BuildToolPlugin {
    struct MissingSpec: Error, CustomStringConvertible {
        let target: String
        var description: String { "target \(target) has no openapi.yaml for EmbedOpenAPISpec; add one or remove the plugin" }
    }

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let spec = (target as? SourceModuleTarget)?.sourceFiles.first(where: { $0.url.lastPathComponent == "openapi.yaml" }) else {
            throw MissingSpec(target: target.name)
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("OpenAPISpecText.swift")
        return [.buildCommand(
            displayName: "Embedding \(spec.url.lastPathComponent) in \(target.name)",
            executable: try context.tool(named: "embed-openapi-spec").url,
            arguments: [spec.url.path, output.path],
            inputFiles: [spec.url],
            outputFiles: [output])]
    }
}
