/// An n-dimensional array of `Float`, contiguous and row-major, that can record the
/// operations applied to it for reverse-mode differentiation.
///
/// Tensors are values: every op returns a new tensor, and `scalars` is a copy-on-write
/// array, so a tensor never changes under a caller's feet. Only optimizers and gradient
/// accumulation write in place, through `updateScalars(_:)`.
///
/// A tensor takes part in differentiation when it has a `node`: leaves made with
/// `requiringGrad()` own a node that accumulates `grad`; results of ops on such tensors
/// get a node with the op's pullback (see `Autograd.swift`).
public struct Tensor {
    /// The size of each dimension; `[]` is a scalar.
    public let shape: [Int]
    /// The elements in row-major order.
    public private(set) var scalars: [Float]
    /// The autograd node: nil for constants.
    var node: GradNode?

    /// A tensor of `shape` holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Float]) {
        Self.checkShape(shape, op: "Tensor(shape:scalars:)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "Tensor(shape:scalars:): shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
        self.node = nil
    }

    init(shape: [Int], scalars: [Float], node: GradNode?) {
        self.shape = shape
        self.scalars = scalars
        self.node = node
    }

    /// A scalar (rank-0) tensor.
    public init(_ value: Float) { self.init(shape: [], scalars: [value]) }

    /// A rank-1 tensor of `values`.
    public init(_ values: [Float]) { self.init(shape: [values.count], scalars: values) }

    /// A tensor of `shape` filled with `value`.
    public init(repeating value: Float, shape: [Int]) {
        Self.checkShape(shape, op: "Tensor(repeating:shape:)")
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

    /// Number of dimensions.
    public var rank: Int { shape.count }
    /// Number of elements.
    public var count: Int { scalars.count }
    /// The single element of a one-element tensor.
    public var item: Float {
        precondition(scalars.count == 1, "item: tensor of shape \(shape) has \(scalars.count) elements, not 1")
        return scalars[0]
    }

    /// Writes new values in place, keeping shape and autograd identity (optimizers, in-place updates).
    public mutating func updateScalars(_ body: (inout [Float]) -> Void) {
        let n = scalars.count
        body(&scalars)
        precondition(scalars.count == n, "updateScalars: the update changed the element count from \(n) to \(scalars.count)")
    }

    /// Shape check shared by every constructor: no negative dimensions.
    static func checkShape(_ shape: [Int], op: String) {
        for d in shape where d < 0 {
            preconditionFailure("\(op): negative dimension in shape \(shape)")
        }
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let preview = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        let more = scalars.count > 8 ? ", …" : ""
        let grad = node != nil ? ", requiresGrad" : ""
        return "Tensor(shape: \(shape), [\(preview)\(more)]\(grad))"
    }
}
