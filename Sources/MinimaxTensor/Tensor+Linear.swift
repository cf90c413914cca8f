import CKernels

/// The affine map of a fully connected layer as one op, fused for speed.
extension Tensor {
    /// `torch.nn.functional.linear`: `input · weightᵀ + bias` for input `[…, in]`, weight
    /// `[out, in]` and bias `[out]`, result `[…, out]`.
    ///
    /// Fused for speed, not for accuracy: one GEMM writes the product and the bias is added in
    /// place while the rows are still in cache, so nothing is broadcast or copied; the values
    /// are bit-for-bit those of `matmul(input, weight, transposeB: true) + bias`. The pullback
    /// is written with differentiable ops (dx = g·W, dW = gᵀ·x, db = Σ over rows of g), so
    /// gradients of gradients work as for the unfused composition.
    public static func linear(_ input: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
        linear(input, weight: weight, bias: bias, activation: nil)
    }

    /// `linear` then `relu()` or `leakyReLU(slope)` as one op: each band of the product gets
    /// its bias and activation right after GEMM wrote it, while it is in cache, instead of a
    /// second pass over the whole output. The values and gradients (of any order) are
    /// bit-for-bit those of the composition: the pullback masks g with the output, which is
    /// > 0 exactly where the pre-activation is (the slope is ≥ 0), then is `linear`'s.
    public static func linear(_ input: Tensor, weight: Tensor, bias: Tensor?, activation: LinearActivation?) -> Tensor {
        precondition(weight.rank == 2 && input.rank >= 1 && input.shape[input.rank - 1] == weight.shape[1],
                     "linear: input \(input.shape) does not fit weight \(weight.shape) ([out, in])")
        let outFeatures = weight.shape[0], inFeatures = weight.shape[1]
        if let bias {
            precondition(bias.shape == [outFeatures], "linear: bias \(bias.shape) does not fit weight \(weight.shape)")
        }
        // The C epilogue's activation, and the slope the pullback masks g with.
        let (kind, slope): (minimax_activation, Float)
        switch activation {
        case nil: (kind, slope) = (MINIMAX_IDENTITY, 0)
        case .relu?: (kind, slope) = (MINIMAX_RELU, 0)
        case .leakyReLU(let s)?:
            precondition(s >= 0, "linear: a fused leakyReLU needs a slope ≥ 0, got \(s)")
            (kind, slope) = (MINIMAX_LEAKY_RELU, s)
        }
        if input.rank != 2 {
            let rows = input.shape.dropLast().reduce(1, *)
            let flat = linear(input.reshaped([rows, inFeatures]), weight: weight, bias: bias, activation: activation)
            return flat.reshaped(Array(input.shape.dropLast()) + [outFeatures])
        }
        let rows = input.shape[0]
        let out = [Float](unsafeUninitializedCapacity: rows * outFeatures) { c, initialized in
            initialized = rows * outFeatures
            guard rows * outFeatures > 0, let product = c.baseAddress else { return }
            input.scalars.withUnsafeBufferPointer { pa in
                weight.scalars.withUnsafeBufferPointer { pb in
                    withOptionalBase(bias?.scalars) { b in
                        let fallback = UnsafePointer(product)  // k = 0: empty operands, GEMM only zeroes
                        // Bias and activation are applied to each band of the product as soon as GEMM has written it.
                        var epilogue: ((Range<Int>, Range<Int>) -> Void)?
                        if b != nil || activation != nil {
                            epilogue = { band, columns in
                                minimax_bias_activation(product, outFeatures, band.lowerBound, band.upperBound,
                                                        columns.lowerBound, columns.upperBound, b, kind, slope)
                            }
                        }
                        GEMM.multiply(pa.baseAddress ?? fallback, pb.baseAddress ?? fallback,
                                      into: product, m: rows, n: outFeatures, k: inFeatures,
                                      transposeA: false, transposeB: true, epilogue: epilogue)
                    }
                }
            }
        }
        let inputs = [input, weight] + (bias.map { [$0] } ?? [])
        func gradients(_ g: Tensor, biasSums: [Float]? = nil) -> [Tensor?] {
            var grads: [Tensor?] = [
                input.needsGradient ? g.matmul(weight) : nil,
                weight.needsGradient ? matmul(g, input, transposeA: true, transposeB: false) : nil,
            ]
            if let bias {
                // `sum(toShape:)`'s ops (a keepDims sum, then a reshape), with sums already computed.
                let sum = biasSums.map { g.sum(axes: [0], keepDims: true, precomputed: $0).reshaped(bias.shape) }
                grads.append(bias.needsGradient ? sum ?? g.sum(toShape: bias.shape) : nil)
            }
            return grads
        }
        let name = activation.map { $0 == .relu ? "linearReLU" : "linearLeakyReLU" } ?? "linear"
        return record(name, [rows, outFeatures], out, inputs: inputs) { g, y in
            guard activation != nil else { return gradients(g) }
            // g masked by the activation's slope at y; the bias sums come from the same pass.
            guard bias?.needsGradient == true else { return gradients(g.scaledBySlope(of: y, negativeSlope: slope)) }
            let (masked, sums) = g.scaledBySlopeAndColumnSums(of: y, negativeSlope: slope)
            return gradients(masked, biasSums: sums)
        }
    }
}

/// The activation `Tensor.linear(_:weight:bias:activation:)` applies: `relu()`, or
/// `leakyReLU(slope)` with slope ≥ 0 (a negative slope would flip the sign the pullback reads).
public enum LinearActivation: Equatable, Sendable {
    case relu
    case leakyReLU(Float)

    /// nil for a negative slope, which cannot be fused.
    public init?(leakySlope: Float) {
        guard leakySlope >= 0 else { return nil }
        self = .leakyReLU(leakySlope)
    }
}

/// Calls `body` with the base address of `array` when it is given and not empty.
func withOptionalBase<R>(_ array: [Float]?, _ body: (UnsafePointer<Float>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0.baseAddress) }
}
