/// One thing wrong with an experiment spec, found by decoding or by `ExperimentSpec.validate()`.
///
/// `keyPath` is dotted (`stabilizers.pack`, `optimizer.generator.betas`) so that the notebook
/// can point at the file, line and column that set it.
public struct SpecProblem: Equatable, Sendable, CustomStringConvertible {
    /// What kind of problem, so the notebook can point at the key (unknown key) or the value.
    public enum Kind: String, Sendable {
        case unknownKey
        case wrongType
        case outOfRange
        case incompatible
    }

    public var keyPath: String
    public var message: String
    public var kind: Kind

    public init(_ keyPath: String, _ message: String, kind: Kind) {
        self.keyPath = keyPath
        self.message = message
        self.kind = kind
    }

    /// `key: message`, the form used when no file position is known.
    public var description: String { "\(keyPath): \(message)" }
}

/// A spec that failed to decode or validate; carries every problem found, in document order.
public struct SpecProblems: Error, Equatable, CustomStringConvertible {
    public var problems: [SpecProblem]

    public init(_ problems: [SpecProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
