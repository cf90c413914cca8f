/// Text placed on a panel.
public struct Annotation: Sendable {
    /// How `x` and `y` are measured.
    public enum Coordinates: String, Sendable {
        /// In the axes' units.
        case data = "first"
        /// 0…1 across the plotting area (0, 0 = bottom left).
        case graph = "graph"
    }

    public enum Alignment: String, Sendable {
        case left, center, right
    }

    public var text: String
    public var x: Double
    public var y: Double
    public var coordinates: Coordinates
    public var alignment: Alignment
    public var color: RGBColor
    /// Font size in points; `nil` uses the house size.
    public var fontSize: Int?

    public init(_ text: String, x: Double, y: Double, coordinates: Coordinates = .data,
                alignment: Alignment = .left, color: RGBColor = HouseStyle.ink, fontSize: Int? = nil) {
        self.text = text
        self.x = x
        self.y = y
        self.coordinates = coordinates
        self.alignment = alignment
        self.color = color
        self.fontSize = fontSize
    }
}
