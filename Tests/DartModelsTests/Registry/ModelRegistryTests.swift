import DartTesting
import Foundation
import GRDB
import Logging
import Testing
@testable import DartModels

@Test func registeredVersionIsListedAndShownWithItsProvenance() throws {
    let fixture = try RegistryFixture()
    let registration = try fixture.registration(validationMAE: 4.5)
    let version = try fixture.registry.register(registration)

    #expect(version.id.hasPrefix("naive_d1-dayahead-20250102T030405Z-"))
    #expect(version.id.count == "naive_d1-dayahead-20250102T030405Z-".count + 8)
    #expect(try fixture.registry.versions().map(\.id) == [version.id])
    #expect(try fixture.registry.versions(family: .lightgbm).isEmpty)
    #expect(try fixture.registry.versions(product: "hourly").isEmpty)
    let shown = try fixture.registry.version(version.id)
    #expect(shown == version)
    #expect(shown.featureNames == ["dart_d1", "hour_ending"])
    #expect(shown.hyperparametersJSON == #"{"column":"dart_d1"}"#)
    #expect(shown.rowDigest == registration.rowDigest)
    #expect(shown.seed == 7 && shown.gitSHA == "0123abcd")
    #expect(shown.createdAtUTC == 1_735_787_045)

    // Artifacts are copied into the version folder, read-only, with the digests of the originals.
    let urls = try fixture.registry.artifactURLs(version.id)
    #expect(urls.map(\.lastPathComponent) == ["baseline.json", "training-notes.txt"])
    #expect(urls[0].deletingLastPathComponent().path.hasSuffix("registry/artifacts/naive_d1/dayahead/\(version.id)"))
    for (url, original) in zip(urls, registration.artifacts) {
        #expect(try Data(contentsOf: url) == Data(contentsOf: original))
        let permissions = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(permissions == 0o444)
    }
    let loaded = try ColumnCopyForecaster.load(from: urls[0].deletingLastPathComponent())
    #expect(loaded.column == "dart_d1")

    let details = try fixture.registry.details(version.id)
    #expect(details.metrics.map(\.kind) == [.validation])
    #expect(details.metrics.first?.json == #"{"mae":4.5}"#)
    #expect(details.aliases.isEmpty)
}

@Test func reRegisteringTheSameVersionFailsAndChangesNothing() throws {
    let fixture = try RegistryFixture()
    let registration = try fixture.registration()
    let first = try fixture.registry.register(registration)
    let error = #expect(throws: RegistryError.self) { try fixture.registry.register(registration) }
    #expect(error?.code == .versionExists)
    #expect(error?.version == first.id)
    #expect(try fixture.registry.versions().count == 1)

    // A later registration of the same model is a new version, not an overwrite.
    fixture.now.advance(by: 60)
    let second = try fixture.registry.register(registration)
    #expect(second.id != first.id)
    #expect(try fixture.registry.version(first.id) == first)
}

@Test func versionRowsAndHistoryRefuseUpdatesEvenBySQL() throws {
    let fixture = try RegistryFixture()
    // Every table needs a row: row triggers do not fire on an empty table.
    let version = try fixture.registry.register(fixture.registration(validationMAE: 2))
    try fixture.registry.promote(version.id, to: .champion, actor: "ana", reason: "first")
    for sql in ["UPDATE model_versions SET seed = 8", "DELETE FROM model_artifacts",
                "UPDATE alias_history SET reason = 'rewritten'", "DELETE FROM model_metrics"] {
        #expect(throws: DatabaseError.self) { try fixture.registry.database.write { try $0.execute(sql: sql) } }
    }
    #expect(try fixture.registry.version(version.id).seed == 7)
}

@Test func metricsAttachLaterWithoutChangingTheVersion() throws {
    let fixture = try RegistryFixture()
    let version = try fixture.registry.register(fixture.registration(validationMAE: 5))
    fixture.now.advance(by: 3600)
    try fixture.registry.attachMetrics(["mae": 6.25], kind: .backtest, to: version.id)
    try fixture.registry.attachMetrics(["mae": 4.75], kind: .validation, to: version.id)
    let details = try fixture.registry.details(version.id)
    #expect(details.version == version)
    #expect(details.metrics.map(\.kind) == [.backtest, .validation])
    #expect(details.metrics.map(\.json) == [#"{"mae":6.25}"#, #"{"mae":4.75}"#])
    #expect(details.metrics[0].attachedAtUTC == version.createdAtUTC + 3600)
    let missing = #expect(throws: RegistryError.self) {
        try fixture.registry.attachMetrics(["mae": 1.0], kind: .backtest, to: "lightgbm-dayahead-nope")
    }
    #expect(missing?.code == .versionNotFound)
}

@Test func promoteAndRollbackKeepAnAppendOnlyHistory() throws {
    let fixture = try RegistryFixture()
    var ids = [String]()
    for seed in 1...3 {
        ids.append(try fixture.registry.register(fixture.registration(seed: seed)).id)
        fixture.now.advance(by: 60)
    }
    let registry = fixture.registry
    #expect(try registry.resolve(.champion, family: .naiveD1, product: "dayahead") == nil)
    for id in ids { try registry.promote(id, to: .champion, actor: "ana", reason: "better backtest") }
    try registry.promote(ids[0], to: .challenger, actor: "ana", reason: "shadow")
    #expect(try registry.resolve(.champion, family: .naiveD1, product: "dayahead")?.id == ids[2])

    let unchanged = #expect(throws: RegistryError.self) { try registry.promote(ids[2], to: .champion, actor: "ana", reason: "again") }
    #expect(unchanged?.code == .aliasUnchanged)

    let back = try registry.rollback(family: .naiveD1, product: "dayahead", alias: .champion, actor: "bo", reason: "drift")
    #expect(back.fromVersion == ids[2] && back.toVersion == ids[1] && back.action == .rollback)
    #expect(try registry.resolve(.champion, family: .naiveD1, product: "dayahead")?.id == ids[1])
    // A second rollback walks further back instead of toggling to the version just left.
    try registry.rollback(family: .naiveD1, product: "dayahead", alias: .champion, actor: "bo", reason: "still drifting")
    #expect(try registry.resolve(.champion, family: .naiveD1, product: "dayahead")?.id == ids[0])
    let exhausted = #expect(throws: RegistryError.self) {
        try registry.rollback(family: .naiveD1, product: "dayahead", alias: .champion, actor: "bo", reason: "more")
    }
    #expect(exhausted?.code == .nothingToRollBack)
    // The challenger was never touched by the champion's rollbacks.
    #expect(try registry.resolve(.challenger, family: .naiveD1, product: "dayahead")?.id == ids[0])

    let history = try registry.aliasHistory(family: .naiveD1, product: "dayahead", alias: .champion)
    #expect(history.map(\.action) == [.promote, .promote, .promote, .rollback, .rollback])
    #expect(history.map(\.fromVersion) == [nil, ids[0], ids[1], ids[2], ids[1]])
    #expect(history.map(\.toVersion) == [ids[0], ids[1], ids[2], ids[1], ids[0]])
    #expect(history.map(\.actor) == ["ana", "ana", "ana", "bo", "bo"])
    #expect(history[3].reason == "drift")
    #expect(history.map(\.sequence) == history.map(\.sequence).sorted())
    #expect(try registry.aliasHistory(family: .naiveD1, product: "dayahead").count == 6)
    #expect(try registry.details(ids[0]).aliases == [.champion, .challenger])

    let noReason = #expect(throws: RegistryError.self) { try registry.promote(ids[1], to: .champion, actor: "ana", reason: " ") }
    #expect(noReason?.code == .invalidRegistration)
}

@Test func tamperedArtifactFailsLoudlyNamingTheFile() throws {
    let fixture = try RegistryFixture()
    let version = try fixture.registry.register(fixture.registration())
    let urls = try fixture.registry.artifactURLs(version.id, verify: true)
    let tampered = urls[1]
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: tampered.path)
    try Data("edited by hand\n".utf8).write(to: tampered)

    let error = #expect(throws: RegistryError.self) { try fixture.registry.artifactURLs(version.id, verify: true) }
    #expect(error?.code == .artifactDigestMismatch)
    #expect(error?.file == tampered.path)
    #expect(error?.expectedDigest == version.artifacts[1].sha256)
    #expect(error?.actualDigest == (try? FileDigest.sha256Hex(of: tampered)))
    #expect(error?.description.contains("training-notes.txt") == true)
    #expect(try fixture.registry.artifactURLs(version.id, verify: false) == urls)

    try FileManager.default.removeItem(at: urls[0])
    let missing = #expect(throws: RegistryError.self) { try fixture.registry.artifactURLs(version.id, verify: false) }
    #expect(missing?.code == .artifactMissing)
}

@Test func aFailureMidRegistrationLeavesNoRowsAndNoFolders() throws {
    // Learn the id this registration gets, then block its folder in a fresh registry so the
    // failure happens after the rows are inserted, inside the transaction.
    let probe = try RegistryFixture("registry-probe")
    let fixture = try RegistryFixture("registry-fault")
    let artifacts = try fixture.savedArtifacts()
    let id = try probe.registry.register(fixture.registration(artifacts: artifacts)).id
    let blocked = fixture.registry.artifactDirectory(family: .naiveD1, product: "dayahead", version: id)
    try FileManager.default.createDirectory(at: blocked.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data().write(to: blocked)

    let error = #expect(throws: RegistryError.self) {
        try fixture.registry.register(fixture.registration(artifacts: artifacts, validationMAE: 3))
    }
    #expect(error?.code == .artifactFolderExists)
    #expect(try fixture.registry.versions().isEmpty)
    let rows = try fixture.registry.database.read { db in
        try ["model_versions", "model_artifacts", "model_metrics"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1 }
    }
    #expect(rows == [0, 0, 0])
    let staging = fixture.registry.root.appendingPathComponent("staging")
    #expect(try FileManager.default.contentsOfDirectory(atPath: staging.path).isEmpty)

    // With the obstacle gone the same registration succeeds.
    try FileManager.default.removeItem(at: blocked)
    #expect(try fixture.registry.register(fixture.registration(artifacts: artifacts)).id == id)
}

@Test func invalidRegistrationsAreRejectedBeforeAnythingIsWritten() throws {
    let fixture = try RegistryFixture()
    var missingFile = try fixture.registration()
    missingFile.artifacts.append(fixture.directory.appendingPathComponent("model.txt"))
    #expect((#expect(throws: RegistryError.self) { try fixture.registry.register(missingFile) })?.code == .artifactMissing)

    var badProduct = try fixture.registration()
    badProduct.product = "Day Ahead"
    #expect((#expect(throws: RegistryError.self) { try fixture.registry.register(badProduct) })?.code == .invalidRegistration)

    var badDigest = try fixture.registration()
    badDigest.rowDigest = "abc"
    #expect((#expect(throws: RegistryError.self) { try fixture.registry.register(badDigest) })?.code == .invalidRegistration)

    var duplicateNames = try fixture.registration()
    duplicateNames.artifacts += try fixture.savedArtifacts("other")
    #expect((#expect(throws: RegistryError.self) { try fixture.registry.register(duplicateNames) })?.code == .invalidRegistration)

    #expect(try fixture.registry.versions().isEmpty)
    let artifacts = fixture.registry.root.appendingPathComponent("artifacts")
    #expect(!FileManager.default.fileExists(atPath: artifacts.path))
}

@Test func concurrentRegistrationsAndPromotionsStayConsistent() async throws {
    let fixture = try RegistryFixture()
    let registrations = try (1...8).map { try fixture.registration(seed: $0) }
    let registry = fixture.registry
    let ids = try await withThrowingTaskGroup(of: String.self) { group in
        for registration in registrations { group.addTask { try registry.register(registration).id } }
        return try await group.reduce(into: [String]()) { $0.append($1) }
    }
    #expect(Set(ids).count == 8)
    #expect(try Set(registry.versions().map(\.id)) == Set(ids))
    for id in ids { #expect(try registry.artifactURLs(id).count == 2) }

    try await withThrowingTaskGroup(of: Void.self) { group in
        for id in ids { group.addTask { try registry.promote(id, to: .champion, actor: "ci", reason: "race") } }
        try await group.waitForAll()
    }
    // Each change starts from the version the previous one ended on: no lost update.
    let history = try registry.aliasHistory(family: .naiveD1, product: "dayahead", alias: .champion)
    #expect(history.count == 8)
    #expect(history.first?.fromVersion == nil)
    for (previous, next) in zip(history, history.dropFirst()) { #expect(next.fromVersion == previous.toVersion) }
    #expect(try registry.resolve(.champion, family: .naiveD1, product: "dayahead")?.id == history.last?.toVersion)
}

@Test func readOnlyOpeningDoesNotCreateARegistry() throws {
    let directory = try SamplePaths.temporaryDirectory("registry-missing")
    let root = ModelRegistry.url(dataDirectory: directory)
    let error = #expect(throws: RegistryError.self) {
        try ModelRegistry(root: root, createIfMissing: false, now: { Date() }, logger: Logger(label: "test"))
    }
    #expect(error?.code == .registryNotFound)
    #expect(!FileManager.default.fileExists(atPath: root.path))
}

@Test func gitRevisionPrefersTheEnvironment() {
    #expect(GitRevision.resolve(environment: ["DARTCAST_GIT_SHA": " abc123\n"], repositoryDirectory: URL(fileURLWithPath: "/")) == "abc123")
    let outside = GitRevision.resolve(environment: [:], repositoryDirectory: URL(fileURLWithPath: "/"))
    #expect(outside == "unknown")
}
