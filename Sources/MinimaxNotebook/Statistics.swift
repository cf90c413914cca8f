/// Mean and sample standard deviation, for "mean ± std over seeds".
public struct MeanStd: Equatable, Sendable {
    public var mean: Double
    /// Sample standard deviation (divides by n − 1); 0 for a single value.
    public var std: Double
    public var count: Int

    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else { mean = .nan; std = .nan; return }
        let average = values.reduce(0, +) / Double(values.count)
        mean = average
        guard values.count > 1 else { std = 0; return }
        let squares = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
        std = (squares / Double(values.count - 1)).squareRoot()
    }
}
