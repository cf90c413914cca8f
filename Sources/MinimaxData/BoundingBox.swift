/// An axis-aligned rectangle in the plane, e.g. the region over which a lesson draws the
/// discriminator's surface.
public struct BoundingBox: Equatable, Sendable, Codable {
    public var minX: Float
    public var maxX: Float
    public var minY: Float
    public var maxY: Float

    public init(minX: Float, maxX: Float, minY: Float, maxY: Float) {
        self.minX = minX
        self.maxX = maxX
        self.minY = minY
        self.maxY = maxY
    }

    public var width: Float { maxX - minX }
    public var height: Float { maxY - minY }

    public func contains(x: Float, y: Float) -> Bool { x >= minX && x <= maxX && y >= minY && y <= maxY }

    /// The box grown by `fraction` of its width (height) on the left and right (bottom and top).
    public func padded(by fraction: Float) -> BoundingBox {
        BoundingBox(minX: minX - fraction * width, maxX: maxX + fraction * width,
                    minY: minY - fraction * height, maxY: maxY + fraction * height)
    }
}
