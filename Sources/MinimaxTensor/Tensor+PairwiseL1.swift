/// Pairwise L1 distances between the columns of a `[C, N]` tensor, fused: one pass over C·N²
/// values instead of the broadcast `|x[:, :, None] − x[:, None, :]|.sum(0)`, which builds (and
/// in its pullback re-reads) a `[C, N, N]` tensor several times. Written for minibatch
/// discrimination (Salimans et al. 2016, §3.2), whose cost is dominated by these distances.
///
/// With s_cij = sign(x_ci − x_cj) (0 at ties, as `abs`'s slope at 0):
///
///     D_ij = Σ_c |x_ci − x_cj|                         pairwiseL1Distances
///     ∂L/∂x_ci = Σ_j (Ḡ_ij + Ḡ_ji) s_cij                = signedPairSum(x, Ḡ + Ḡᵀ)
///
/// `signedPairSum(x, W)_ci = Σ_j W_ij s_cij` is linear in W and piecewise constant in x, and its
/// adjoint in W is `signedPairOuter(x, Y)_ij = Σ_c Y_ci s_cij`, whose adjoint in Y is again
/// `signedPairSum`: each pullback is one of these two primitives, so the distances can be
/// differentiated to any order (the x-derivatives of s are 0 almost everywhere).
extension Tensor {
    /// D[i, j] = Σ_c |x[c, i] − x[c, j]| for `self` of shape [C, N]; shape [N, N], zero diagonal.
    public func pairwiseL1Distances() -> Tensor {
        precondition(rank == 2, "pairwiseL1Distances: expected [C, N], got shape \(shape)")
        let (c, n) = (shape[0], shape[1])
        let x = self
        let out = [Float](unsafeUninitializedCapacity: n * n) { buffer, initialized in
            initialized = n * n
            guard n > 0 else { return }
            let d = buffer.baseAddress!
            d.initialize(repeating: 0, count: n * n)
            scalars.withUnsafeBufferPointer { src in
                for k in 0..<c {
                    let row = src.baseAddress! + k * n
                    for i in 0..<n {
                        let xi = row[i], di = d + i * n
                        for j in 0..<n { di[j] += Swift.abs(xi - row[j]) }
                    }
                }
            }
        }
        return Tensor.record("pairwiseL1Distances", [n, n], out, inputs: [self]) { g, _ in
            [Tensor.signedPairSum(x, weights: g + g.transposed())]
        }
    }

    /// y[c, i] = Σ_j W[i, j]·sign(x[c, i] − x[c, j]) for x [C, N] and W [N, N]; shape [C, N].
    /// Differentiable in W (its pullback is `signedPairOuter`); no gradient flows to x, whose
    /// derivative is 0 almost everywhere.
    public static func signedPairSum(_ x: Tensor, weights: Tensor) -> Tensor {
        precondition(x.rank == 2 && weights.shape == [x.shape[1], x.shape[1]],
                     "signedPairSum: x \(x.shape) must be [C, N] and weights \(weights.shape) [N, N]")
        let (c, n) = (x.shape[0], x.shape[1])
        let out = [Float](unsafeUninitializedCapacity: c * n) { buffer, initialized in
            initialized = c * n
            guard c * n > 0 else { return }
            let y = buffer.baseAddress!
            x.scalars.withUnsafeBufferPointer { px in
                weights.scalars.withUnsafeBufferPointer { pw in
                    for k in 0..<c {
                        let row = px.baseAddress! + k * n
                        for i in 0..<n {
                            y[k * n + i] = signedDot(row[i], row, pw.baseAddress! + i * n, n)
                        }
                    }
                }
            }
        }
        return Tensor.record("signedPairSum", [c, n], out, inputs: [x, weights]) { g, _ in
            [nil, Tensor.signedPairOuter(x, g)]
        }
    }

    /// Σ_j w[j]·sign(xi − row[j]) over j < n, eight lanes at a time (a scalar loop's running
    /// sum cannot be vectorised; the lanes are added in a fixed order, so results do not vary).
    @inline(__always)
    private static func signedDot(_ xi: Float, _ row: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ n: Int) -> Float {
        var lanes = SIMD8<Float>(repeating: 0)
        let center = SIMD8<Float>(repeating: xi), zero = SIMD8<Float>(repeating: 0)
        var j = 0
        while j + 8 <= n {
            let difference = center - UnsafeRawPointer(row + j).loadUnaligned(as: SIMD8<Float>.self)
            let weights = UnsafeRawPointer(w + j).loadUnaligned(as: SIMD8<Float>.self)
            lanes += zero.replacing(with: weights, where: difference .> zero).replacing(with: -weights, where: difference .< zero)
            j += 8
        }
        var sum = lanes.sum()
        while j < n {
            let difference = xi - row[j]
            sum += difference > 0 ? w[j] : (difference < 0 ? -w[j] : 0)
            j += 1
        }
        return sum
    }

    /// W̄[i, j] = Σ_c Y[c, i]·sign(x[c, i] − x[c, j]) for x and Y of shape [C, N]; shape [N, N].
    /// The adjoint of `signedPairSum` in its weights; differentiable in Y (pullback
    /// `signedPairSum`), no gradient to x.
    static func signedPairOuter(_ x: Tensor, _ y: Tensor) -> Tensor {
        precondition(x.rank == 2 && y.shape == x.shape, "signedPairOuter: x \(x.shape) and y \(y.shape) must both be [C, N]")
        let (c, n) = (x.shape[0], x.shape[1])
        let out = [Float](unsafeUninitializedCapacity: n * n) { buffer, initialized in
            initialized = n * n
            guard n > 0 else { return }
            let w = buffer.baseAddress!
            w.initialize(repeating: 0, count: n * n)
            x.scalars.withUnsafeBufferPointer { px in
                y.scalars.withUnsafeBufferPointer { py in
                    for k in 0..<c {
                        let row = px.baseAddress! + k * n, yRow = py.baseAddress! + k * n
                        for i in 0..<n {
                            let xi = row[i], yi = yRow[i], wi = w + i * n
                            for j in 0..<n {
                                let difference = xi - row[j]
                                wi[j] += difference > 0 ? yi : (difference < 0 ? -yi : 0)
                            }
                        }
                    }
                }
            }
        }
        return Tensor.record("signedPairOuter", [n, n], out, inputs: [x, y]) { g, _ in
            [nil, Tensor.signedPairSum(x, weights: g)]
        }
    }
}
