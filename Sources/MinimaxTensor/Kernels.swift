import Foundation

/// Elementwise kernels. Each op is a tiny type with a static `apply`, so the generic loops
/// below are specialised and inlined per op: no per-element closure calls.
protocol UnaryKernel { static func apply(_ x: Float) -> Float }
protocol BinaryKernel { static func apply(_ a: Float, _ b: Float) -> Float }

enum Kernels {
    static func unary<K: UnaryKernel>(_: K.Type, _ x: [Float]) -> [Float] {
        [Float](unsafeUninitializedCapacity: x.count) { out, n in
            x.withUnsafeBufferPointer { src in
                for i in 0..<src.count { out[i] = K.apply(src[i]) }
            }
            n = x.count
        }
    }

    /// `K(a, b)` with NumPy broadcasting. Fast paths: equal shapes, scalar operand, and a
    /// contiguous last dimension; the general case walks the output with an odometer.
    static func binary<K: BinaryKernel>(_: K.Type, _ a: Tensor, _ b: Tensor, op: String) -> (shape: [Int], scalars: [Float]) {
        if a.shape == b.shape {
            let out = [Float](unsafeUninitializedCapacity: a.count) { out, n in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        for i in 0..<pa.count { out[i] = K.apply(pa[i], pb[i]) }
                    }
                }
                n = a.count
            }
            return (a.shape, out)
        }
        let shape = Shape.broadcast(a.shape, b.shape, op: op)
        let total = shape.reduce(1, *)
        if b.count == 1 && a.count == total {
            let s = b.scalars[0]
            return (shape, [Float](unsafeUninitializedCapacity: total) { out, n in
                a.scalars.withUnsafeBufferPointer { pa in for i in 0..<total { out[i] = K.apply(pa[i], s) } }
                n = total
            })
        }
        if a.count == 1 && b.count == total {
            let s = a.scalars[0]
            return (shape, [Float](unsafeUninitializedCapacity: total) { out, n in
                b.scalars.withUnsafeBufferPointer { pb in for i in 0..<total { out[i] = K.apply(s, pb[i]) } }
                n = total
            })
        }
        let sa = Shape.broadcastStrides(a.shape, to: shape)
        let sb = Shape.broadcastStrides(b.shape, to: shape)
        let rank = shape.count
        let inner = rank > 0 ? shape[rank - 1] : 1
        let ia = rank > 0 ? sa[rank - 1] : 0
        let ib = rank > 0 ? sb[rank - 1] : 0
        let out = [Float](unsafeUninitializedCapacity: total) { out, n in
            n = total
            guard total > 0 else { return }
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    var index = [Int](repeating: 0, count: Swift.max(rank - 1, 0))
                    var offA = 0, offB = 0, o = 0
                    while o < total {
                        for j in 0..<inner { out[o + j] = K.apply(pa[offA + j * ia], pb[offB + j * ib]) }
                        o += inner
                        // Advance the odometer over the outer dimensions.
                        var d = rank - 2
                        while d >= 0 {
                            index[d] += 1
                            offA += sa[d]; offB += sb[d]
                            if index[d] < shape[d] { break }
                            offA -= sa[d] * shape[d]; offB -= sb[d] * shape[d]
                            index[d] = 0
                            d -= 1
                        }
                    }
                }
            }
        }
        return (shape, out)
    }
}

enum AddKernel: BinaryKernel { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a + b } }
enum SubKernel: BinaryKernel { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a - b } }
enum MulKernel: BinaryKernel { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a * b } }
enum DivKernel: BinaryKernel { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a / b } }
enum PowKernel: BinaryKernel { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { Foundation.pow(a, b) } }
enum GreaterKernel: BinaryKernel { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a > b ? 1 : 0 } }
enum EqualKernel: BinaryKernel { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a == b ? 1 : 0 } }
enum MaximumKernel: BinaryKernel { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a > b || a.isNaN ? a : b } }

enum NegKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { -x } }
enum ExpKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { Foundation.exp(x) } }
enum LogKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { Foundation.log(x) } }
enum SqrtKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { x.squareRoot() } }
enum AbsKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { Swift.abs(x) } }
enum SignKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : 0) } }
/// max(x, 0) that keeps NaN (as PyTorch does) instead of hiding it as 0.
enum ReluKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { x > 0 || x.isNaN ? x : 0 } }
enum PositiveMaskKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { x > 0 ? 1 : 0 } }
enum TanhKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { Foundation.tanh(x) } }
/// σ(x) in a form that neither overflows for large |x| nor loses the small tail.
enum SigmoidKernel: UnaryKernel {
    @inline(__always) static func apply(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }
}
/// softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|): exact for large |x|.
enum SoftplusKernel: UnaryKernel {
    @inline(__always) static func apply(_ x: Float) -> Float { Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x))) }
}
