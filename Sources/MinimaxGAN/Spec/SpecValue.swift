/// A YAML-like value tree that experiment specs are decoded from and encoded to.
///
/// `MinimaxGAN` knows no YAML library: the notebook turns a YAML document into a `SpecValue`
/// (keeping mapping order), and turns a spec back into text with `canonicalYAML`.
/// Integers and floating-point numbers stay distinct so that `steps: 2.5` is a type error.
public indirect enum SpecValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case sequence([SpecValue])
    case mapping([SpecEntry])

    /// The value at `key` when this is a mapping.
    public subscript(key: String) -> SpecValue? {
        guard case .mapping(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// A short name of the value's type for error messages ("an integer", "a mapping", …).
    public var typeDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a number"
        case .string: return "a string"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// The value as it would be written in flow YAML, for error messages.
    public var shortText: String {
        switch self {
        case .sequence, .mapping: return typeDescription
        default: return SpecYAMLWriter.scalarText(self)
        }
    }
}

/// One `key: value` pair of a mapping; mappings keep their order.
public struct SpecEntry: Equatable, Sendable {
    public var key: String
    public var value: SpecValue

    public init(_ key: String, _ value: SpecValue) {
        self.key = key
        self.value = value
    }
}
