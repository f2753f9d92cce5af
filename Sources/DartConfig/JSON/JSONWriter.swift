/// Pretty-prints a `JSONNode` with two-space indentation, members in their stored order.
public enum JSONWriter {
    public static func prettyPrinted(_ node: JSONNode) -> String {
        var output = ""
        write(node, indent: 0, into: &output)
        output.append("\n")
        return output
    }

    private static func write(_ node: JSONNode, indent: Int, into output: inout String) {
        switch node.value {
        case .null: output.append("null")
        case .bool(let flag): output.append(flag ? "true" : "false")
        case .number(let number): output.append(format(number))
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            // Arrays of scalars stay on one line: quantiles, families, settlement points.
            if elements.allSatisfy({ !$0.isContainer }) {
                output.append("[")
                for (position, element) in elements.enumerated() {
                    if position > 0 { output.append(", ") }
                    write(element, indent: indent, into: &output)
                }
                output.append("]")
                return
            }
            output.append("[\n")
            for (position, element) in elements.enumerated() {
                output.append(String(repeating: " ", count: indent + 2))
                write(element, indent: indent + 2, into: &output)
                output.append(position + 1 < elements.count ? ",\n" : "\n")
            }
            output.append(String(repeating: " ", count: indent) + "]")
        case .object(let members):
            if members.isEmpty { output.append("{}"); return }
            output.append("{\n")
            for (position, member) in members.enumerated() {
                output.append(String(repeating: " ", count: indent + 2))
                writeString(member.key, into: &output)
                output.append(": ")
                write(member.node, indent: indent + 2, into: &output)
                output.append(position + 1 < members.count ? ",\n" : "\n")
            }
            output.append(String(repeating: " ", count: indent) + "}")
        }
    }

    /// Integers without a fraction; other numbers in Swift's shortest round-trip form.
    static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }

    private static func writeString(_ text: String, into output: inout String) {
        output.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output.append("\"")
    }
}

extension JSONNode {
    var isContainer: Bool {
        switch value {
        case .array, .object: return true
        default: return false
        }
    }
}
