/// A line through `(x[i], y[i])`, optionally with a shaded band (min–max or ±std) behind it.
public struct LineSeries: Sendable {
    /// The shaded region drawn behind a line.
    public enum Band: Sendable {
        /// From `lower[i]` to `upper[i]` (e.g. min and max over seeds).
        case range(lower: [Double], upper: [Double])
        /// From `y[i] - std[i]` to `y[i] + std[i]`.
        case standardDeviation([Double])
    }

    /// Stroke pattern of the line.
    public enum Dash: Sendable {
        case solid, dashed, dotted
    }

    public var x: [Double]
    public var y: [Double]
    /// Legend entry; `nil` leaves the series out of the legend.
    public var title: String?
    public var color: RGBColor
    public var width: Double
    public var dash: Dash
    public var band: Band?
    /// Draw a marker at every point as well.
    public var markers: Bool

    public init(x: [Double], y: [Double], title: String? = nil, color: RGBColor = HouseStyle.category(0),
                width: Double = HouseStyle.lineWidth, dash: Dash = .solid, band: Band? = nil, markers: Bool = false) {
        self.x = x
        self.y = y
        self.title = title
        self.color = color
        self.width = width
        self.dash = dash
        self.band = band
        self.markers = markers
    }

    /// A series over `0, 1, 2, …` (e.g. one value per step).
    public init(y: [Double], title: String? = nil, color: RGBColor = HouseStyle.category(0),
                band: Band? = nil) {
        self.init(x: y.indices.map(Double.init), y: y, title: title, color: color, band: band)
    }
}
