// swift-tools-version:6.1
import PackageDescription
import Foundation

// Native libraries come from pinned pip wheels installed by scripts/setup into .deps/py
// (override with DARTCAST_PY_DEPS). Unsafe linker flags are allowed only in the root package,
// which is why the shims live here.
let pyDeps = ProcessInfo.processInfo.environment["DARTCAST_PY_DEPS"]
    ?? Context.packageDirectory + "/.deps/py"
let lightgbmLib = pyDeps + "/lightgbm/lib"
let xgboostLib = pyDeps + "/xgboost/lib"
let arrowDir = pyDeps + "/pyarrow"

func rpathLink(_ dir: String, _ libs: [String]) -> [LinkerSetting] {
    [.unsafeFlags(["-L" + dir, "-Xlinker", "-rpath", "-Xlinker", dir] + libs.map { "-l" + $0 })]
}

let package = Package(
    name: "dartcast",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dartcast", targets: ["dartcast"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/pointfreeco/swift-clocks", from: "1.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Pure types: market time, settlement points, products, errors. No I/O.
        .target(name: "DartCore"),
        // One cross-process exclusive `flock` primitive: run, backfill, partition and schema locks.
        .target(name: "DartFileLocks", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // settings.json, .env and environment secrets.
        .target(name: "DartConfig", dependencies: ["DartCore"]),
        // PostgreSQL connection settings (DSN parsing, TLS modes) shared by the source and the SQL sink.
        .target(name: "DartPostgres", dependencies: [.product(name: "PostgresNIO", package: "postgres-nio")]),
        // Ingest (tidy CSV, ERCOT report CSVs), the market store and the market sources (inbox, PostgreSQL, ERCOT API).
        .target(name: "DartData", dependencies: [
            "DartCore", "DartFileLocks", "DartConfig", "DartPostgres", "CZlib",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // As-of features: one code path for training, backtest and live prediction.
        .target(name: "DartFeatures", dependencies: ["DartCore", "DartData"]),
        // Forecasters (LightGBM, XGBoost, MLP, baselines, ensemble), metrics, backtest, registry.
        .target(name: "DartModels", dependencies: [
            "DartCore", "DartFileLocks", "DartData", "DartFeatures", "CLightGBM", "CXGBoost", "CBLAS",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Run records, the delivery outbox table and per-run log files (`<data-dir>/runs.sqlite`).
        .target(name: "DartRuns", dependencies: [
            "DartCore", "DartFileLocks", "DartData", "DartReports",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Publishing: Parquet, object stores, SQL sinks, notifiers, and the outbox that delivers to them.
        .target(name: "DartPublish", dependencies: [
            "DartCore", "DartFileLocks", "DartConfig", "DartPostgres", "DartRuns", "DartReports", "CArrowParquet", "CCurlShim",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Settings resolved into market rules, the data directory and its stores.
        .target(name: "DartWorkspace", dependencies: [
            "DartCore", "DartConfig", "DartData", "DartFeatures", "DartModels", "DartRuns", "DartPublish",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The run DAG (steps, conditional retrain), training, prediction, backtest, tuning.
        .target(name: "DartPipeline", dependencies: [
            "DartCore", "DartFileLocks", "DartConfig", "DartData", "DartFeatures", "DartModels", "DartRuns", "DartPublish", "DartReports", "DartWorkspace",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Schedules, DST-correct slots, catch-up, no overlap; runs as a Service.
        .target(name: "DartScheduler", dependencies: [
            "DartCore", "DartFileLocks", "DartConfig",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // `/metrics` families written at scrape time into one swift-prometheus registry.
        .target(name: "DartPrometheus", dependencies: [.product(name: "Prometheus", package: "swift-prometheus")]),
        // The HTTP API's contract: openapi.yaml, the types, server stubs and client generated from it,
        // and the spec's own text (served as /openapi.json). No Hummingbird, so the CLI client stays light.
        .target(name: "DartAPI", dependencies: [
            .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
        ],
        // The generator (1.14) puts the same `public import`s in every file it splits the code into, and
        // Swift 6.3 warns for each unused one (hundreds of lines; apple/swift-openapi-generator#946).
        swiftSettings: [.unsafeFlags(["-suppress-warnings"])],
        plugins: [
            .plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator"),
            .plugin(name: "EmbedOpenAPISpec"),
        ]),
        // Build tool: writes openapi.yaml into a Swift string so the binary serves the spec without resource
        // files. Kept under Sources/ so the Dockerfile's `COPY Sources` brings it along.
        .executableTarget(name: "embed-openapi-spec"),
        .plugin(name: "EmbedOpenAPISpec", capability: .buildTool(), dependencies: ["embed-openapi-spec"],
                path: "Sources/EmbedOpenAPISpec"),
        // The HTTP API (implementing DartAPI's generated protocol), `/metrics`, the dashboard route and the server's own state.
        .target(name: "DartServer", dependencies: [
            "DartCore", "DartConfig", "DartRuns", "DartWorkspace", "DartScheduler", "DartReports", "DartModels", "DartPublish",
            "DartPrometheus", "DartAPI",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Live forecast scoring, alerts (MAE, worse than zero, PSI drift), /metrics samples, dashboard data.
        .target(name: "DartMonitoring", dependencies: [
            "DartCore", "DartFileLocks", "DartConfig", "DartData", "DartFeatures", "DartModels", "DartRuns", "DartWorkspace", "DartPublish", "DartReports",
            "DartScheduler", "DartPrometheus",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // The composition root: from settings, the market sources, model families, publish targets,
        // clock and the services `serve` runs. Commands and deploy entry points get their parts here.
        .target(name: "DartRuntime", dependencies: [
            "DartCore", "DartConfig", "DartData", "DartModels", "DartRuns", "DartWorkspace", "DartPublish", "DartPipeline",
            "DartScheduler", "DartMonitoring", "DartServer", "DartReports",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // Self-contained HTML and SVG rendering: backtest reports and the dashboard.
        .target(name: "DartReports", dependencies: ["DartCore"]),
        // Test clock, fixtures, paths of the bundled sample.
        .target(name: "DartTesting", dependencies: [
            "DartCore", "DartConfig", "DartData", "DartModels", "DartRuns", "DartPublish", "DartScheduler", "DartWorkspace",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .executableTarget(name: "dartcast", dependencies: [
            "DartCore", "DartConfig", "DartData", "DartFeatures", "DartModels", "DartReports", "DartPublish", "DartPipeline", "DartScheduler",
            "DartMonitoring", "DartServer", "DartRuntime", "DartRuns", "DartWorkspace", "DartAPI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
        ]),

        // Native shims: our own C headers over the wheels' shared libraries.
        .target(name: "CLightGBM", linkerSettings: rpathLink(lightgbmLib, ["_lightgbm"])),
        .target(name: "CXGBoost", linkerSettings: rpathLink(xgboostLib, ["xgboost"])),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas"),
        // libcurl (SMTP with STARTTLS and auth) through non-variadic setters: Swift cannot call curl_easy_setopt.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl"),
        .target(name: "CCurlShim", dependencies: ["CCurl"]),
        // C API over Arrow C++'s Parquet writer/reader (headers and libraries from the pyarrow wheel,
        // which ships only versioned sonames).
        .target(name: "CArrowParquet",
                cxxSettings: [.unsafeFlags(["-I" + arrowDir + "/include", "-Wno-deprecated-declarations"])],
                linkerSettings: [.unsafeFlags(["-L" + arrowDir, "-Xlinker", "-rpath", "-Xlinker", arrowDir,
                                               "-Xlinker", "-l:libarrow.so.2600", "-Xlinker", "-l:libparquet.so.2600"])]),
        // gzip for ingest and `sample generate` (Debian zlib1g-dev).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib"),

        .testTarget(name: "DartCoreTests", dependencies: ["DartCore"]),
        .testTarget(name: "DartFileLocksTests", dependencies: ["DartFileLocks", "DartTesting", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DartConfigTests", dependencies: ["DartConfig", "DartTesting"]),
        .testTarget(name: "DartDataTests", dependencies: ["DartData", "DartTesting", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DartFeaturesTests", dependencies: ["DartFeatures", "DartTesting"]),
        .testTarget(name: "DartModelsTests", dependencies: ["DartModels", "DartTesting"]),
        .testTarget(name: "DartPublishTests", dependencies: ["DartPublish", "DartTesting"]),
        .testTarget(name: "DartPipelineTests", dependencies: [
            "DartPipeline", "DartRuns", "DartWorkspace", "DartPublish", "DartData", "DartTesting",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "DartSchedulerTests", dependencies: [
            "DartScheduler", "DartTesting", .product(name: "Clocks", package: "swift-clocks"),
        ]),
        .testTarget(name: "DartReportsTests", dependencies: ["DartReports"]),
        .testTarget(name: "DartPrometheusTests", dependencies: [
            "DartPrometheus", .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .testTarget(name: "DartServerTests", dependencies: [
            "DartServer", "DartAPI", "DartRuntime", "DartRuns", "DartWorkspace", "DartPipeline", "DartPrometheus", "DartTesting",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Yams", package: "Yams"),
        ]),
        .testTarget(name: "DartMonitoringTests", dependencies: [
            "DartMonitoring", "DartRuntime", "DartRuns", "DartWorkspace", "DartPipeline", "DartPrometheus", "DartTesting",
            .product(name: "Clocks", package: "swift-clocks"),
        ]),
        .testTarget(name: "dartcastTests", dependencies: [
            "DartTesting", "DartMonitoring", "DartPipeline", "DartReports", "DartScheduler", "DartRuns", "DartWorkspace", "DartRuntime",
        ]),
        .testTarget(name: "DartRuntimeTests", dependencies: [
            "DartRuntime", "DartRuns", "DartPipeline", "DartWorkspace", "DartPublish", "DartData", "DartConfig", "DartCore", "DartTesting",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Dockerfile, workflows, Azure ML and Kubernetes manifests checked by their validators; CLI arguments they use.
        .testTarget(name: "DeployTests", dependencies: ["DartTesting", "dartcast"]),
    ],
    cxxLanguageStandard: .cxx20
)
