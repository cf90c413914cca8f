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
        precondition(weight.rank == 2 && input.rank >= 1 && input.shape[input.rank - 1] == weight.shape[1],
                     "linear: input \(input.shape) does not fit weight \(weight.shape) ([out, in])")
        let outFeatures = weight.shape[0], inFeatures = weight.shape[1]
        if let bias {
            precondition(bias.shape == [outFeatures], "linear: bias \(bias.shape) does not fit weight \(weight.shape)")
        }
        if input.rank != 2 {
            let rows = input.shape.dropLast().reduce(1, *)
            let flat = linear(input.reshaped([rows, inFeatures]), weight: weight, bias: bias)
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
                        // The bias is added to each band of the product as soon as GEMM has written it.
                        GEMM.multiply(pa.baseAddress ?? fallback, pb.baseAddress ?? fallback,
                                      into: product, m: rows, n: outFeatures, k: inFeatures,
                                      transposeA: false, transposeB: true, epilogue: b.map { b in { band, columns in
                                          for r in band {
                                              let row = product + r * outFeatures
                                              for j in columns { row[j] += b[j] }
                                          }
                                      } })
                    }
                }
            }
        }
        return record("linear", [rows, outFeatures], out, inputs: [input, weight] + (bias.map { [$0] } ?? [])) { g, _ in
            var grads: [Tensor?] = [
                input.needsGradient ? g.matmul(weight) : nil,
                weight.needsGradient ? matmul(g, input, transposeA: true, transposeB: false) : nil,
            ]
            if let bias { grads.append(bias.needsGradient ? g.sum(toShape: bias.shape) : nil) }
            return grads
        }
    }
}

/// Calls `body` with the base address of `array` when it is given and not empty.
func withOptionalBase<R>(_ array: [Float]?, _ body: (UnsafePointer<Float>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0.baseAddress) }
}
