/// A height × width pair for kernel sizes, strides, paddings and scale factors (PyTorch's
/// `_pair`): an integer literal means the same value for both, `Size2D(height:width:)` a
/// rectangular one.
public struct Size2D: Hashable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var height: Int
    public var width: Int

    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }

    /// The same value for height and width.
    public init(_ both: Int) { self.init(height: both, width: both) }

    public init(integerLiteral value: Int) { self.init(value) }

    public var description: String { "\(height)×\(width)" }
}
