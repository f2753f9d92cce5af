import DartTesting
import Foundation
import Testing

/// The data flow of `docs/architecture.md`, checked against the imports: a module imports only
/// modules of a lower layer, and nothing but the runtime and the executable assembles the program.
@Suite struct ModuleLayersTests {
    /// Layer of each module, bottom up (the diagram in docs/architecture.md § Modules).
    static let layers: [String: Int] = [
        "DartCore": 0, "DartFileLocks": 0, "DartPrometheus": 0, "DartAPI": 0,
        "DartConfig": 1, "DartPostgres": 1, "DartReports": 1,
        "DartData": 2,
        "DartFeatures": 3, "DartRuns": 3,
        "DartModels": 4, "DartPublish": 4,
        "DartWorkspace": 5,
        "DartPipeline": 6, "DartScheduler": 6,
        "DartMonitoring": 7, "DartServer": 7,
        "DartRuntime": 8,
        "dartcast": 9,
    ]
    /// Test support may use any module below the runtime.
    static let testSupport = "DartTesting"

    static func imports(of module: String) throws -> Set<String> {
        let folder = SamplePaths.repositoryRoot.appendingPathComponent("Sources/\(module)")
        var found = Set<String>()
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ")
                if let index = words.firstIndex(of: "import"), index + 1 < words.count, index <= 1 {
                    let name = String(words[index + 1])
                    if name.hasPrefix("Dart") || name == "dartcast" { found.insert(name) }
                }
            }
        }
        return found
    }

    @Test func everyModuleImportsOnlyLowerLayers() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: SamplePaths.repositoryRoot.appendingPathComponent("Sources").path)
            .filter { $0.hasPrefix("Dart") || $0 == "dartcast" }
        for module in folders where module != Self.testSupport {
            let layer = try #require(Self.layers[module], "\(module) has no layer: add it to the diagram and to this table")
            for imported in try Self.imports(of: module) where imported != module {
                let below = try #require(Self.layers[imported], "\(module) imports \(imported), which has no layer")
                #expect(below < layer, "\(module) (layer \(layer)) imports \(imported) (layer \(below))")
            }
        }
        for imported in try Self.imports(of: Self.testSupport) {
            #expect((Self.layers[imported] ?? 99) < Self.layers["DartRuntime"]!, "DartTesting imports \(imported)")
        }
    }

    @Test func serverAndMonitoringDoNotReachIntoThePipeline() throws {
        for module in ["DartServer", "DartMonitoring"] {
            #expect(!(try Self.imports(of: module)).contains("DartPipeline"), "\(module) imports DartPipeline")
        }
    }
}
