/// Arrows from `(x[i], y[i])` to `(x[i] + scale·dx[i], y[i] + scale·dy[i])`, e.g. gradients.
public struct VectorField: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var dx: [Double]
    public var dy: [Double]
    /// Multiplies every arrow's length (applied in the script, so the data file keeps raw values).
    public var scale: Double
    public var title: String?
    public var color: RGBColor
    public var width: Double

    public init(x: [Double], y: [Double], dx: [Double], dy: [Double], scale: Double = 1,
                title: String? = nil, color: RGBColor = HouseStyle.ink, width: Double = 1.5) {
        self.x = x
        self.y = y
        self.dx = dx
        self.dy = dy
        self.scale = scale
        self.title = title
        self.color = color
        self.width = width
    }
}
