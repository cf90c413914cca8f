import Foundation
import MinimaxTensor

/// What does not match when loading a state dictionary (model or optimizer state):
/// every missing key, unexpected key and shape mismatch, named in one message.
public struct StateDictError: Error, Equatable, CustomStringConvertible {
    /// What was being loaded, e.g. `"Sequential state"` or `"Adam state"`.
    public let context: String
    public let missingKeys: [String]
    public let unexpectedKeys: [String]
    public let shapeMismatches: [ShapeMismatch]
    /// Entries with the right name and shape but an impossible value (e.g. a negative step count).
    public var invalidValues: [String] = []

    public struct ShapeMismatch: Equatable, Sendable {
        public let name: String
        public let expected: [Int]
        public let found: [Int]
    }

    public var description: String {
        var parts: [String] = []
        if !missingKeys.isEmpty { parts.append("missing keys: \(missingKeys.joined(separator: ", "))") }
        if !unexpectedKeys.isEmpty { parts.append("unexpected keys: \(unexpectedKeys.joined(separator: ", "))") }
        for m in shapeMismatches {
            parts.append("shape mismatch for \(m.name): expected \(m.expected), found \(m.found)")
        }
        parts += invalidValues
        return "\(context) does not match: " + parts.joined(separator: "; ")
    }
}

extension StateDictError: LocalizedError {
    public var errorDescription: String? { description }
}

extension StateDictError {
    /// Compares the `expected` names and shapes with `found`; throws if anything differs.
    static func check(context: String, expected: [(name: String, shape: [Int])], found: [String: Tensor],
                      ignoringUnexpected: Bool = false) throws {
        let expectedNames = Set(expected.map(\.name))
        let missing = expected.map(\.name).filter { found[$0] == nil }
        let unexpected = ignoringUnexpected ? [] : found.keys.filter { !expectedNames.contains($0) }.sorted()
        let mismatches = expected.compactMap { entry -> ShapeMismatch? in
            guard let tensor = found[entry.name], tensor.shape != entry.shape else { return nil }
            return ShapeMismatch(name: entry.name, expected: entry.shape, found: tensor.shape)
        }
        if !missing.isEmpty || !unexpected.isEmpty || !mismatches.isEmpty {
            throw StateDictError(context: context, missingKeys: missing, unexpectedKeys: unexpected, shapeMismatches: mismatches)
        }
    }
}
