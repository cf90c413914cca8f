/// Writes a `SpecValue` as canonical block YAML: two-space indents, mapping order kept,
/// lists of scalars in flow style (`[0.5, 0.999]`), floats always with a dot or exponent
/// that YAML 1.1 readers (Yams, PyYAML) parse as floats (`1.0e-08`, never `1e-08`).
///
/// The output is a pure function of the value, so it is the input of `ExperimentSpec.specHash`.
public enum SpecYAMLWriter {
    /// The YAML text of a top-level mapping, ending in a newline.
    public static func yaml(_ value: SpecValue) -> String {
        var lines: [String] = []
        write(value, indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func write(_ value: SpecValue, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .mapping(let entries):
            for entry in entries {
                switch entry.value {
                case .mapping(let inner) where !inner.isEmpty:
                    lines.append("\(pad)\(keyText(entry.key)):")
                    write(entry.value, indent: indent + 2, into: &lines)
                case .sequence(let items) where items.contains(where: { !$0.isScalar }):
                    lines.append("\(pad)\(keyText(entry.key)):")
                    for item in items { lines.append("\(pad)  - \(flowText(item))") }
                default:
                    lines.append("\(pad)\(keyText(entry.key)): \(flowText(entry.value))")
                }
            }
        default:
            lines.append(pad + flowText(value))
        }
    }

    /// Flow-style text of any value (`{a: 1, b: [2, 3]}`).
    public static func flowText(_ value: SpecValue) -> String {
        switch value {
        case .sequence(let items): return "[" + items.map(flowText).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{" + entries.map { "\(keyText($0.key)): \(flowText($0.value))" }.joined(separator: ", ") + "}"
        default: return scalarText(value)
        }
    }

    /// Text of a scalar; strings are quoted only when YAML would read them as something else.
    public static func scalarText(_ value: SpecValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return doubleText(number)
        case .string(let text): return stringText(text)
        case .sequence, .mapping: return flowText(value)
        }
    }

    /// Shortest round-trip text of a double, made YAML 1.1 float syntax (`1.0e-08`, `.inf`).
    public static func doubleText(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number > 0 ? ".inf" : "-.inf" }
        var text = String(number)
        if let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<exponent].contains(".") {
            text.insert(contentsOf: ".0", at: exponent)
        }
        if let exponent = text.firstIndex(of: "e") {
            let sign = text[text.index(after: exponent)]
            if sign != "-" && sign != "+" { text.insert("+", at: text.index(after: exponent)) }
        }
        return text
    }

    private static func keyText(_ key: String) -> String { stringText(key) }

    private static func stringText(_ text: String) -> String {
        if needsQuotes(text) {
            return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        }
        return text
    }

    private static let reservedWords: Set<String> = [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
    ]

    private static func needsQuotes(_ text: String) -> Bool {
        if text.isEmpty || reservedWords.contains(text.lowercased()) { return true }
        if Double(text) != nil || Int(text) != nil { return true }
        if text.hasPrefix(" ") || text.hasSuffix(" ") { return true }
        if let first = text.first, "-?:,[]{}#&*!|>'\"%@`.+".contains(first) {
            return true
        }
        for character in text {
            if ":#,[]{}\"'\n\t\\".contains(character) || character.asciiValue.map({ $0 < 32 }) == true {
                return true
            }
        }
        return false
    }
}

extension SpecValue {
    /// Whether the value is a scalar (not a list or mapping).
    public var isScalar: Bool {
        switch self {
        case .sequence, .mapping: return false
        default: return true
        }
    }
}
