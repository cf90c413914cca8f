/// Matrix products: 2-D, batched (leading dimensions equal), and a batch of matrices times
/// one matrix. The pullback is written with the same primitive and transpose flags, so it
/// needs no explicit transposed copies and is differentiable again.
extension Tensor {
    /// `self · other` (`torch.matmul` for rank 2 and for equal batch dimensions; a rank ≥ 3
    /// `self` times a rank-2 `other` multiplies every matrix of the batch).
    public func matmul(_ other: Tensor) -> Tensor { Tensor.matmul(self, other, transposeA: false, transposeB: false) }

    /// op(a)·op(b), op transposing the last two dimensions when asked.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> Tensor {
        precondition(a.rank >= 2 && b.rank >= 2, "matmul: needs rank ≥ 2, got shapes \(a.shape) and \(b.shape)")
        if a.rank > 2 && b.rank == 2 && !transposeA {
            // Fold the batch into rows: one large GEMM instead of many small ones.
            let rows = a.shape.dropLast().reduce(1, *)
            let flat = matmul(a.reshaped([rows, a.shape[a.rank - 1]]), b, transposeA: false, transposeB: transposeB)
            return flat.reshaped(Array(a.shape.dropLast()) + [flat.shape[1]])
        }
        precondition(a.rank == b.rank && a.shape.dropLast(2) == b.shape.dropLast(2),
                     "matmul: batch dimensions of \(a.shape) and \(b.shape) differ (a batch times one matrix needs transposeA: false)")
        let r = a.rank
        let m = transposeA ? a.shape[r - 1] : a.shape[r - 2]
        let k = transposeA ? a.shape[r - 2] : a.shape[r - 1]
        let kb = transposeB ? b.shape[r - 1] : b.shape[r - 2]
        let n = transposeB ? b.shape[r - 2] : b.shape[r - 1]
        precondition(k == kb, "matmul: inner dimensions differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")")
        let batch = a.shape.dropLast(2).reduce(1, *)
        let outShape = Array(a.shape.dropLast(2)) + [m, n]
        // Left uninitialised: every GEMM overwrites its block (and zeroes it when k = 0).
        let out = [Float](unsafeUninitializedCapacity: batch * m * n) { pc, initialized in
            initialized = batch * m * n
            guard batch * m * n > 0 else { return }
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    // With k = 0 the operands are empty; GEMM then only zeroes the output.
                    let fallback = UnsafePointer(pc.baseAddress!)
                    for i in 0..<batch {
                        GEMM.multiply((pa.baseAddress ?? fallback) + i * m * k, (pb.baseAddress ?? fallback) + i * k * n,
                                      into: pc.baseAddress! + i * m * n,
                                      m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
                    }
                }
            }
        }
        return record("matmul", outShape, out, inputs: [a, b]) { g, _ in
            let ga: Tensor?, gb: Tensor?
            switch (transposeA, transposeB) {
            case (false, false):
                ga = a.needsGradient ? matmul(g, b, transposeA: false, transposeB: true) : nil
                gb = b.needsGradient ? matmul(a, g, transposeA: true, transposeB: false) : nil
            case (false, true):
                ga = a.needsGradient ? matmul(g, b, transposeA: false, transposeB: false) : nil
                gb = b.needsGradient ? matmul(g, a, transposeA: true, transposeB: false) : nil
            case (true, false):
                ga = a.needsGradient ? matmul(b, g, transposeA: false, transposeB: true) : nil
                gb = b.needsGradient ? matmul(a, g, transposeA: false, transposeB: false) : nil
            case (true, true):
                ga = a.needsGradient ? matmul(b, g, transposeA: true, transposeB: true) : nil
                gb = b.needsGradient ? matmul(g, a, transposeA: true, transposeB: true) : nil
            }
            return [ga, gb]
        }
    }
}
