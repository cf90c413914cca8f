/// Values on a regular grid drawn in viridis with a colour bar, optionally with contour lines.
///
/// `values[row * columns + column]` is the value at
/// `x = x.lowerBound + column * (x.upperBound - x.lowerBound) / (columns - 1)` and likewise
/// for `y` with `row`: row 0 is at the *bottom*, as in a mesh grid `f(x, y)`.
public struct Heatmap: Sendable {
    public var values: [Double]
    public var rows: Int
    public var columns: Int
    /// Centres of the first and last column.
    public var x: ClosedRange<Double>
    /// Centres of the first and last row.
    public var y: ClosedRange<Double>
    /// Values mapped to the ends of the palette; `nil` uses the data's own range.
    public var colorRange: ClosedRange<Double>?
    /// Label of the colour bar.
    public var colorLabel: String?
    /// Values at which gnuplot draws contour lines; empty for none.
    public var contourLevels: [Double]
    public var contourColor: RGBColor

    public init(values: [Double], rows: Int, columns: Int, x: ClosedRange<Double>, y: ClosedRange<Double>,
                colorRange: ClosedRange<Double>? = nil, colorLabel: String? = nil,
                contourLevels: [Double] = [], contourColor: RGBColor = RGBColor(hex: 0xFFFFFF)) {
        self.values = values
        self.rows = rows
        self.columns = columns
        self.x = x
        self.y = y
        self.colorRange = colorRange
        self.colorLabel = colorLabel
        self.contourLevels = contourLevels
        self.contourColor = contourColor
    }

    /// Evaluates `function(x, y)` on a `rows` × `columns` grid spanning `x` and `y`.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>, rows: Int, columns: Int,
                colorLabel: String? = nil, contourLevels: [Double] = [],
                function: (Double, Double) -> Double) {
        var values = [Double]()
        values.reserveCapacity(max(rows, 0) * max(columns, 0))
        let dy = rows > 1 ? (y.upperBound - y.lowerBound) / Double(rows - 1) : 0
        let dx = columns > 1 ? (x.upperBound - x.lowerBound) / Double(columns - 1) : 0
        for row in 0..<max(rows, 0) {
            let yv = y.lowerBound + Double(row) * dy
            for column in 0..<max(columns, 0) {
                let xv = x.lowerBound + Double(column) * dx
                values.append(function(xv, yv))
            }
        }
        self.init(values: values, rows: rows, columns: columns, x: x, y: y,
                  colorLabel: colorLabel, contourLevels: contourLevels)
    }
}
