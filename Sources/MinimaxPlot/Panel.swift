/// One set of axes with its layers; a `Figure` holds one or more panels.
public struct Panel: Sendable {
    /// Where the legend goes.
    public enum LegendPosition: String, Sendable {
        case topRight = "top right"
        case topLeft = "top left"
        case bottomRight = "bottom right"
        case bottomLeft = "bottom left"
        /// Right of the plotting area.
        case outside = "outside right top"
        /// Below the plotting area, entries side by side (right of the plot, as `outside`,
        /// when `equalAspect` is set: gnuplot would put it over the x label).
        case below = "below center horizontal"
        case hidden = "off"
    }

    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    /// Fixed axis ranges; `nil` lets gnuplot fit the data.
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    public var logX: Bool
    public var logY: Bool
    public var legend: LegendPosition
    /// Same scale on both axes (a circle looks round): for 2-D samples and fields.
    public var equalAspect: Bool
    public var grid: Bool
    public var layers: [Layer]

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                logX: Bool = false, logY: Bool = false, legend: LegendPosition = .topRight,
                equalAspect: Bool = false, grid: Bool = true, layers: [Layer]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xRange = xRange
        self.yRange = yRange
        self.logX = logX
        self.logY = logY
        self.legend = legend
        self.equalAspect = equalAspect
        self.grid = grid
        self.layers = layers
    }
}
