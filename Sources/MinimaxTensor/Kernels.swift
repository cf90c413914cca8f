import Foundation

/// Elementwise kernels. Each op is a tiny type with a static `apply`, so the generic loops
/// below are specialised and inlined per op: no per-element closure calls.
protocol UnaryKernel { static func apply(_ x: Float) -> Float }
protocol BinaryKernel { static func apply(_ a: Float, _ b: Float) -> Float }

enum Kernels {
    /// Elementwise loops over fewer elements than this stay on one thread: below it a dispatch
    /// to a second thread costs about as much as it saves. A `concurrentPerform` round trip
    /// costs 1 – 3 µs here (two parts of 3 µs took 8.4 µs against 14.2 µs in turn, on a busy
    /// 2-vCPU VM; `Benchmarks/README.md`; the engine now hands parts to `WorkerPool`, whose
    /// spinning workers answer faster), and an elementwise op runs at 0.15 – 0.5 ns per
    /// element, so splitting pays from a few ten thousand elements: the toy workloads'
    /// 256 × 256 activations (65,536) are split, their 256 × 2 points are not.
    static let parallelElements = 1 << 15

    /// Runs `body` on contiguous chunks of 0..<count, on up to `Engine.threads` threads when
    /// `count` is large. Every element is computed by itself, so the split never changes a bit.
    @inline(__always)
    static func forElements(_ count: Int, _ body: (Range<Int>) -> Void) {
        let parts = Swift.min(Engine.threads, count / (parallelElements / 2))
        guard parts > 1 && count >= parallelElements else {
            if count > 0 { body(0..<count) }
            return
        }
        Parallel.run(parts: parts) { p in body(Parallel.chunk(p, of: parts, count: count)) }
    }

    static func unary<K: UnaryKernel>(_: K.Type, _ x: [Float]) -> [Float] {
        [Float](unsafeUninitializedCapacity: x.count) { out, n in
            n = x.count
            guard let dst = out.baseAddress else { return }
            x.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress else { return }
                forElements(x.count) { range in
                    for i in range { dst[i] = K.apply(s[i]) }
                }
            }
        }
    }

    /// `count` elements, each written by `body(dst, chunk)` for its chunk (C kernels that take
    /// pointers and a length), the chunks split like `forElements`.
    static func mapped(count: Int, _ body: (_ dst: UnsafeMutablePointer<Float>, _ chunk: Range<Int>) -> Void) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { out, n in
            n = count
            guard let dst = out.baseAddress else { return }
            forElements(count) { range in body(dst, range) }
        }
    }

    /// `K(a, b)` with NumPy broadcasting. Fast paths: equal shapes, scalar operand; otherwise
    /// the output is walked row by row (an odometer over the outer dimensions), after merging
    /// dimensions that both operands traverse alike (see `Shape.collapsed`).
    static func binary<K: BinaryKernel>(_: K.Type, _ a: Tensor, _ b: Tensor, op: String) -> (shape: [Int], scalars: [Float]) {
        let shape = a.shape == b.shape ? a.shape : Shape.broadcast(a.shape, b.shape, op: op)
        let total = a.shape == b.shape ? a.count : shape.reduce(1, *)
        let out = [Float](unsafeUninitializedCapacity: total) { out, n in
            n = total
            guard total > 0, let dst = out.baseAddress else { return }
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    let (x, y) = (pa.baseAddress!, pb.baseAddress!)
                    if a.count == total && b.count == total {
                        forElements(total) { r in for i in r { dst[i] = K.apply(x[i], y[i]) } }
                    } else if b.count == 1 && a.count == total {
                        let v = y[0]
                        forElements(total) { r in for i in r { dst[i] = K.apply(x[i], v) } }
                    } else if a.count == 1 && b.count == total {
                        let v = x[0]
                        forElements(total) { r in for i in r { dst[i] = K.apply(v, y[i]) } }
                    } else {
                        let (dims, strides) = Shape.collapsed(shape, [Shape.broadcastStrides(a.shape, to: shape),
                                                                      Shape.broadcastStrides(b.shape, to: shape)])
                        walkRows(dims, strides) { o, offsets in
                            let inner = dims[dims.count - 1]
                            let (ia, ib) = (strides[0][dims.count - 1], strides[1][dims.count - 1])
                            let (ra, rb, ro) = (x + offsets[0], y + offsets[1], dst + o)
                            if ia == 1 && ib == 0 {
                                let v = rb[0]
                                for j in 0..<inner { ro[j] = K.apply(ra[j], v) }
                            } else if ia == 0 && ib == 1 {
                                let v = ra[0]
                                for j in 0..<inner { ro[j] = K.apply(v, rb[j]) }
                            } else {
                                for j in 0..<inner { ro[j] = K.apply(ra[j * ia], rb[j * ib]) }
                            }
                        }
                    }
                }
            }
        }
        return (shape, out)
    }

    /// `x` repeated along its size-1 (or missing leading) dimensions to `shape`.
    static func broadcast(_ x: Tensor, to shape: [Int]) -> [Float] {
        let total = shape.reduce(1, *)
        return [Float](unsafeUninitializedCapacity: total) { out, n in
            n = total
            guard total > 0, let dst = out.baseAddress else { return }
            x.scalars.withUnsafeBufferPointer { px in
                let src = px.baseAddress!
                let (dims, strides) = Shape.collapsed(shape, [Shape.broadcastStrides(x.shape, to: shape)])
                let inner = dims[dims.count - 1], step = strides[0][dims.count - 1]
                walkRows(dims, strides) { o, offsets in
                    let from = src + offsets[0]
                    if step == 0 {
                        (dst + o).update(repeating: from[0], count: inner)
                    } else {
                        for j in 0..<inner { dst[o + j] = from[j * step] }
                    }
                }
            }
        }
    }

    /// Calls `row(outputOffset, operandOffsets)` for each row (last dimension) of a row-major
    /// output of `dims`, operands read with `strides` (one array per operand).
    @inline(__always)
    static func walkRows(_ dims: [Int], _ strides: [[Int]], _ row: (Int, [Int]) -> Void) {
        let rank = dims.count, total = dims.reduce(1, *), inner = dims[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var offsets = [Int](repeating: 0, count: strides.count)
        var o = 0
        while o < total {
            row(o, offsets)
            o += inner
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                for s in 0..<strides.count { offsets[s] += strides[s][d] }
                if index[d] < dims[d] { break }
                for s in 0..<strides.count { offsets[s] -= strides[s][d] * dims[d] }
                index[d] = 0
                d -= 1
            }
        }
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
