/// A toy-distribution setting that cannot be used, e.g. `ring.std must be positive, got 0.0`.
public struct ToyDistributionError: Error, CustomStringConvertible, Equatable {
    /// The setting at fault, as `distribution.parameter` (e.g. `mixture.weights`).
    public let setting: String
    public let problem: String

    public init(setting: String, problem: String) {
        self.setting = setting
        self.problem = problem
    }

    public var description: String { "\(setting) \(problem)" }
}
