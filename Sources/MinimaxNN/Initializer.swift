import Foundation
import MinimaxTensor

/// Weight initialisation schemes, applied to a whole model with
/// `model.initialize(seed:scheme:)`. Every parameter draws from its own stream
/// `"init.<dotted name>"`, so one layer's values never depend on another's.
///
/// - `pytorchDefault`: each layer's own rule, as PyTorch: Linear and Conv weights and biases
///   U(±1/√fanIn) (Kaiming-uniform with a = √5); norm scale 1, shift 0; Embedding N(0, 1).
/// - `dcgan`: Radford et al. 2016 (and PyTorch's DCGAN example): weights N(0, 0.02²),
///   norm scale N(1, 0.02²), biases and shifts 0.
/// - `xavierUniform`/`xavierNormal` (Glorot & Bengio 2010): std = gain·√(2/(fanIn+fanOut)),
///   uniform bound √3·std.
/// - `kaimingUniform`/`kaimingNormal` (He et al. 2015): std = gain/√fan with
///   gain = √(2/(1+a²)) for leaky ReLU slope a; uniform bound √3·std.
/// - `orthogonal` (Saxe et al. 2014): the weight viewed as `[shape[0], rest]` is a (semi-)
///   orthogonal matrix from the QR decomposition of a N(0, 1) matrix (signs fixed by diag R), times gain.
///
/// Under every scheme other than `pytorchDefault`, biases and norm shifts are 0 and norm
/// scales 1 (`dcgan`: N(1, 0.02²)); parameters without a role keep their layer's default.
public enum Initializer: Equatable, Sendable {
    case pytorchDefault
    case dcgan
    case xavierUniform(gain: Float = 1)
    case xavierNormal(gain: Float = 1)
    case kaimingUniform(negativeSlope: Float = 0, mode: FanMode = .fanIn)
    case kaimingNormal(negativeSlope: Float = 0, mode: FanMode = .fanIn)
    case orthogonal(gain: Float = 1)

    /// Which fan Kaiming initialisation preserves: forward activations (`fanIn`) or backward gradients.
    public enum FanMode: Equatable, Sendable { case fanIn, fanOut }

    /// Values for a parameter of `shape` with role `role`, drawn from `stream`
    /// (nil for `pytorchDefault`, which leaves the layer's own rule in place).
    public func values(shape: [Int], role: ParameterRole, stream: inout RandomStream) -> [Float]? {
        let count = shape.reduce(1, *)
        switch (self, role) {
        case (.pytorchDefault, _): return nil
        case (.dcgan, .normScale): return stream.normalArray(count: count, mean: 1, std: 0.02)
        case (_, .normScale): return [Float](repeating: 1, count: count)
        case (_, .bias), (_, .normShift): return [Float](repeating: 0, count: count)
        case (_, .weight(let fanIn, let fanOut)):
            return weightValues(shape: shape, fanIn: fanIn, fanOut: fanOut, stream: &stream)
        }
    }

    private func weightValues(shape: [Int], fanIn: Int, fanOut: Int, stream: inout RandomStream) -> [Float]? {
        let count = shape.reduce(1, *)
        switch self {
        case .pytorchDefault:
            return nil
        case .dcgan:
            return stream.normalArray(count: count, std: 0.02)
        case .xavierUniform(let gain):
            let bound = 3.0.squareRoot() * Double(gain) * (2 / Double(fanIn + fanOut)).squareRoot()
            return stream.uniformArray(count: count, low: -Float(bound), high: Float(bound))
        case .xavierNormal(let gain):
            return stream.normalArray(count: count, std: gain * Float((2 / Double(fanIn + fanOut)).squareRoot()))
        case .kaimingUniform(let a, let mode):
            let std = Self.kaimingStd(a: a, fan: mode == .fanIn ? fanIn : fanOut)
            let bound = Float(3.0.squareRoot()) * std
            return stream.uniformArray(count: count, low: -bound, high: bound)
        case .kaimingNormal(let a, let mode):
            return stream.normalArray(count: count, std: Self.kaimingStd(a: a, fan: mode == .fanIn ? fanIn : fanOut))
        case .orthogonal(let gain):
            return Self.orthogonal(rows: shape[0], columns: count / shape[0], gain: gain, stream: &stream)
        }
    }

    /// √(2/(1+a²)) / √fan.
    static func kaimingStd(a: Float, fan: Int) -> Float {
        Float((2 / (1 + Double(a) * Double(a)) / Double(fan)).squareRoot())
    }

    /// A `rows × columns` matrix with orthonormal rows (rows ≤ columns) or columns, times
    /// `gain`, row-major: modified Gram–Schmidt (in Double) on the columns of a N(0, 1)
    /// matrix of the taller orientation, which is its QR decomposition with diag R > 0,
    /// the sign convention `torch.nn.init.orthogonal_` applies.
    public static func orthogonal(rows: Int, columns: Int, gain: Float = 1, stream: inout RandomStream) -> [Float] {
        let tall = max(rows, columns), wide = min(rows, columns)
        // a is tall × wide, column j at a[j*tall ..< (j+1)*tall].
        var a = stream.normalArray(count: tall * wide).map(Double.init)
        for j in 0..<wide {
            for k in 0..<j {
                var dot = 0.0
                for i in 0..<tall { dot += a[k * tall + i] * a[j * tall + i] }
                for i in 0..<tall { a[j * tall + i] -= dot * a[k * tall + i] }
            }
            var norm = 0.0
            for i in 0..<tall { norm += a[j * tall + i] * a[j * tall + i] }
            norm = norm.squareRoot()
            precondition(norm > 1e-12, "orthogonal: degenerate random matrix (norm \(norm))")
            for i in 0..<tall { a[j * tall + i] /= norm }
        }
        var out = [Float](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for c in 0..<columns {
                // Q is tall × wide; the result is Q (rows ≥ columns) or Qᵀ (rows < columns).
                let value = rows >= columns ? a[c * tall + r] : a[r * tall + c]
                out[r * columns + c] = gain * Float(value)
            }
        }
        return out
    }
}
