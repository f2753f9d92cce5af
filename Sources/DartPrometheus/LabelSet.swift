/// Label pairs in the order given: hashable, so a scrape can tell which series it reported.
struct LabelSet: Hashable, Sendable {
    struct Label: Hashable, Sendable {
        let name: String
        let value: String
    }

    let labels: [Label]

    init(_ pairs: [(String, String)]) {
        labels = pairs.map { Label(name: $0.0, value: $0.1) }
    }

    var pairs: [(String, String)] { labels.map { ($0.name, $0.value) } }
    var isEmpty: Bool { labels.isEmpty }
}
