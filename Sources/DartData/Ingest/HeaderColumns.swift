/// A column found in the header: its position and its name as the file spells it.
struct Column: Sendable {
    let index: Int
    let name: String
}

/// Column lookup by case-insensitive name.
struct HeaderColumns {
    let names: [String]
    let file: String
    let format: FileFormat

    /// The column called `name` (case-insensitive), or a missing-column error on line 1.
    func require(_ name: String, orAlias alias: String? = nil) throws(IngestError) -> Column {
        if let column = optional(name) ?? alias.flatMap(optional) { return column }
        throw IngestError(.missingColumn, file: file, line: 1, column: name,
            problem: "the header has no '\(name)' column, which the \(format.rawValue) layout needs (header: \(names.joined(separator: ",")))",
            fix: "add the column; the layout needs \(format.requiredColumns.joined(separator: ", "))")
    }

    func optional(_ name: String) -> Column? {
        let wanted = name.lowercased()
        guard let index = names.firstIndex(where: { $0.lowercased() == wanted }) else { return nil }
        return Column(index: index, name: names[index])
    }
}
