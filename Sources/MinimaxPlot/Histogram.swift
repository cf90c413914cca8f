/// A histogram of `values`, binned here (not by gnuplot) so the data file holds the counts.
public struct Histogram: Sendable {
    /// What the bar height means.
    public enum Normalization: Sendable {
        /// Number of values in the bin.
        case count
        /// count / (total · bin width): the bars integrate to 1, comparable across sample sizes.
        case density
    }

    /// One bin: `[lower, upper)` (the last bin also includes its upper edge).
    public struct Bin: Equatable, Sendable {
        public var lower: Double
        public var upper: Double
        public var height: Double

        public init(lower: Double, upper: Double, height: Double) {
            self.lower = lower
            self.upper = upper
            self.height = height
        }
    }

    public var values: [Double]
    public var binCount: Int
    /// Range covered by the bins; `nil` uses the values' min and max. Values outside are dropped.
    public var range: ClosedRange<Double>?
    public var normalization: Normalization
    public var title: String?
    public var color: RGBColor
    /// Opacity of the bar fill (outlines stay opaque), so overlaid histograms stay readable.
    public var alpha: Double

    public init(values: [Double], binCount: Int = 30, range: ClosedRange<Double>? = nil,
                normalization: Normalization = .count, title: String? = nil,
                color: RGBColor = HouseStyle.category(0), alpha: Double = 0.6) {
        self.values = values
        self.binCount = binCount
        self.range = range
        self.normalization = normalization
        self.title = title
        self.color = color
        self.alpha = alpha
    }

    /// The bins in order. Non-finite values are ignored.
    public func bins() -> [Bin] {
        guard binCount > 0 else { return [] }
        let finite = values.filter { $0.isFinite }
        var lower = range?.lowerBound ?? finite.min() ?? 0
        var upper = range?.upperBound ?? finite.max() ?? 1
        if upper <= lower { lower -= 0.5; upper += 0.5 } // all values equal: one unit-wide span
        let width = (upper - lower) / Double(binCount)
        var counts = [Double](repeating: 0, count: binCount)
        var total = 0.0
        for v in finite where v >= lower && v <= upper {
            let index = min(Int((v - lower) / width), binCount - 1)
            counts[index] += 1
            total += 1
        }
        return (0..<binCount).map { i in
            let height: Double
            switch normalization {
            case .count: height = counts[i]
            case .density: height = total > 0 ? counts[i] / (total * width) : 0
            }
            return Bin(lower: lower + Double(i) * width, upper: lower + Double(i + 1) * width, height: height)
        }
    }
}
