extension OutputSettings {
    init(reading reader: ObjectReader) {
        let defaults = OutputSettings.defaults
        self.init(
            partitionLayout: reader.choice("partition_layout", defaults.partitionLayout),
            compression: reader.choice("compression", defaults.compression),
            writeFeatureFrames: reader.bool("write_feature_frames", defaults.writeFeatureFrames),
            writeObjectStore: reader.bool("write_object_store", defaults.writeObjectStore),
            writeSQL: reader.bool("write_sql", defaults.writeSQL),
            notify: reader.bool("notify", defaults.notify))
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("partition_layout", .string(partitionLayout.rawValue)),
            ("compression", .string(compression.rawValue)),
            ("write_feature_frames", .bool(writeFeatureFrames)),
            ("write_object_store", .bool(writeObjectStore)),
            ("write_sql", .bool(writeSQL)),
            ("notify", .bool(notify)),
        ])
    }
}
