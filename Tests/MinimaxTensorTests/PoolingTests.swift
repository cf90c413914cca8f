import MinimaxTensor
import MinimaxTestSupport
import Testing

/// One pooling configuration on an input [n, c, h, w].
struct PoolCase: Sendable, CustomTestStringConvertible {
    var n: Int, c: Int, h: Int, w: Int
    var kernel: Size2D, stride: Size2D, padding: Size2D

    var testDescription: String { "x[\(n),\(c),\(h),\(w)] k=\(kernel) s=\(stride) p=\(padding)" }
    var shape: [Int] { [n, c, h, w] }
    var output: (Int, Int) {
        ((h + 2 * padding.height - kernel.height) / stride.height + 1,
         (w + 2 * padding.width - kernel.width) / stride.width + 1)
    }
}

/// Non-overlapping, overlapping (stride < kernel), rectangular, padded, and a ragged edge.
let poolCases: [PoolCase] = [
    PoolCase(n: 2, c: 3, h: 4, w: 6, kernel: 2, stride: 2, padding: 0),
    PoolCase(n: 1, c: 2, h: 5, w: 5, kernel: 3, stride: 1, padding: 1),
    PoolCase(n: 2, c: 1, h: 7, w: 6, kernel: Size2D(height: 3, width: 2), stride: Size2D(height: 2, width: 1),
             padding: Size2D(height: 1, width: 0)),
    PoolCase(n: 1, c: 2, h: 5, w: 7, kernel: 2, stride: 2, padding: 1),
]

/// A pooling by its definition, over the window taps inside the image (padded taps are
/// skipped: for max they never win, for the average they count as zeros in the divisor).
func directPool(_ x: Tensor, _ k: PoolCase, initial: Double, combine: (Double, Double) -> Double) -> [Double] {
    let (oh, ow) = k.output
    var out: [Double] = []
    for plane in 0..<(k.n * k.c) {
        for y in 0..<oh {
            for xx in 0..<ow {
                var acc = initial
                for i in 0..<k.kernel.height {
                    for j in 0..<k.kernel.width {
                        let iy = y * k.stride.height - k.padding.height + i
                        let ix = xx * k.stride.width - k.padding.width + j
                        guard iy >= 0 && iy < k.h && ix >= 0 && ix < k.w else { continue }
                        acc = combine(acc, Double(x.scalars[(plane * k.h + iy) * k.w + ix]))
                    }
                }
                out.append(acc)
            }
        }
    }
    return out
}

/// Distinct values 0.05 apart in a seeded order: every window's maximum stays the maximum
/// under the gradient checker's ±1e-2 steps (no ties, no kinks crossed).
func separatedTensor(_ shape: [Int], seed: UInt64) -> Tensor {
    let noise = GradientCheck.values(shape.reduce(1, *), seed: seed)
    let order = noise.indices.sorted { noise[$0] < noise[$1] }
    var values = [Float](repeating: 0, count: noise.count)
    for (rank, i) in order.enumerated() { values[i] = Float(rank) * 0.05 - Float(noise.count) * 0.025 }
    return Tensor(shape: shape, scalars: values)
}

@Suite struct PoolingTests {
    @Test(arguments: poolCases)
    func avgPool2dMatchesDirectLoops(_ k: PoolCase) {
        let x = GradientCheck.tensor(k.shape, seed: 1)
        let y = x.avgPool2d(kernelSize: k.kernel, stride: k.stride, padding: k.padding)
        #expect(y.shape == [k.n, k.c, k.output.0, k.output.1])
        let area = Double(k.kernel.height * k.kernel.width)
        expectClose(y.scalars, directPool(x, k, initial: 0, combine: +).map { $0 / area })
    }

    @Test(arguments: poolCases)
    func maxPool2dMatchesDirectLoops(_ k: PoolCase) {
        let x = GradientCheck.tensor(k.shape, seed: 2)
        let y = x.maxPool2d(kernelSize: k.kernel, stride: k.stride, padding: k.padding)
        #expect(y.shape == [k.n, k.c, k.output.0, k.output.1])
        // Max selects an element: exact.
        #expect(y.scalars.map(Double.init) == directPool(x, k, initial: -.infinity, combine: Swift.max))
    }

    @Test(arguments: poolCases)
    func avgPool2dGradients(_ k: PoolCase) {
        let result = GradientCheck.check([GradientCheck.tensor(k.shape, seed: 3)]) { t in
            t[0].avgPool2d(kernelSize: k.kernel, stride: k.stride, padding: k.padding)
        }
        #expect(result.passed, "\(result)")
        let second = GradientCheck.checkSecondOrder([GradientCheck.tensor(k.shape, seed: 4)]) { t in
            t[0].avgPool2d(kernelSize: k.kernel, stride: k.stride, padding: k.padding).tanh()
        }
        #expect(second.passed, "\(second)")
    }

    @Test(arguments: poolCases)
    func maxPool2dGradients(_ k: PoolCase) {
        let result = GradientCheck.check([separatedTensor(k.shape, seed: 5)]) { t in
            t[0].maxPool2d(kernelSize: k.kernel, stride: k.stride, padding: k.padding)
        }
        #expect(result.passed, "\(result)")
        let second = GradientCheck.checkSecondOrder([separatedTensor(k.shape, seed: 6)]) { t in
            (t[0].maxPool2d(kernelSize: k.kernel, stride: k.stride, padding: k.padding) * 0.1).tanh()
        }
        #expect(second.passed, "\(second)")
    }

    /// On ties the whole gradient goes to the window's first element (row-major), like PyTorch;
    /// overlapping windows add up at a shared winner.
    @Test func maxPool2dRoutesTiesToTheFirstElement() {
        let x = Tensor.ones([1, 1, 3, 4]).requiringGrad()
        let g = gradients(of: x.maxPool2d(kernelSize: 2, stride: Size2D(height: 1, width: 2)).sum(), wrt: [x])[0]
        // Windows start at rows 0 and 1, columns 0 and 2: winners (0,0), (0,2), (1,0), (1,2).
        #expect(g.scalars == [1, 0, 1, 0,
                              1, 0, 1, 0,
                              0, 0, 0, 0])
        let overlapping = gradients(of: x.maxPool2d(kernelSize: 2, stride: 1).sum(), wrt: [x])[0]
        // Window (r, c) starts at (r, c) and its first element is itself: each start gets 1.
        #expect(overlapping.scalars == [1, 1, 1, 0,
                                        1, 1, 1, 0,
                                        0, 0, 0, 0])
    }

    @Test func upsample2dRepeatsPixels() {
        let x = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        #expect(x.upsample2d(scaleFactor: 2).scalars == [1, 1, 2, 2,
                                                         1, 1, 2, 2,
                                                         3, 3, 4, 4,
                                                         3, 3, 4, 4])
        let rectangular = x.upsample2d(scaleFactor: Size2D(height: 1, width: 3))
        #expect(rectangular.shape == [1, 1, 2, 6])
        #expect(rectangular.scalars == [1, 1, 1, 2, 2, 2,
                                        3, 3, 3, 4, 4, 4])
    }

    @Test(arguments: [Size2D(2), Size2D(height: 3, width: 2)])
    func upsample2dGradients(_ scale: Size2D) {
        let result = GradientCheck.check([GradientCheck.tensor([2, 2, 3, 2], seed: 7)]) { t in
            t[0].upsample2d(scaleFactor: scale)
        }
        #expect(result.passed, "\(result)")
        let second = GradientCheck.checkSecondOrder([GradientCheck.tensor([2, 2, 3, 2], seed: 8)]) { t in
            t[0].upsample2d(scaleFactor: scale).tanh()
        }
        #expect(second.passed, "\(second)")
    }

    /// ⟨upsample(x), y⟩ = ⟨x, s_h·s_w·avgPool(y, kernel = stride = s)⟩: sum-pooling is upsampling's adjoint.
    @Test func upsampleAndSumPoolAreAdjoint() {
        let scale = Size2D(height: 2, width: 3)
        let x = GradientCheck.tensor([2, 3, 4, 2], seed: 9)
        let y = GradientCheck.tensor([2, 3, 8, 6], seed: 10)
        let lhs = dot(x.upsample2d(scaleFactor: scale), y)
        let rhs = dot(x, y.avgPool2d(kernelSize: scale) * 6)
        #expect(Swift.abs(lhs - rhs) <= 1e-5 * Swift.abs(lhs) + 1e-4, "\(lhs) vs \(rhs)")
    }

    @Test func badPoolShapesAreReported() {
        func message(_ body: () throws -> [Int]) -> String {
            do { return "no error, shape \(try body())" } catch { return "\(error)" }
        }
        #expect(message { try Tensor.pool2dOutputShape(input: [4, 4], kernelSize: 2) }
            == "pool2d: input must be 4-D [N, C, H, W], got shape [4, 4]")
        #expect(message { try Tensor.pool2dOutputShape(input: [1, 1, 4, 4], kernelSize: 2, padding: 2) }
            .hasPrefix("pool2d: padding must be at most half the kernel size"))
        #expect(message { try Tensor.pool2dOutputShape(input: [1, 1, 2, 2], kernelSize: 3) }
            .hasPrefix("pool2d: kernel 3×3 is larger than the padded input 2×2"))
        #expect(message { try Tensor.pool2dOutputShape(input: [1, 1, 4, 4], kernelSize: 2, stride: 0) }
            .hasPrefix("pool2d: stride must be positive"))
        #expect((try? Tensor.pool2dOutputShape(input: [2, 3, 28, 28], kernelSize: 2)) == [2, 3, 14, 14])
    }
}
