import MinimaxTensor
import MinimaxTestSupport
import Testing

/// The convolutions' direct routes (`ConvolutionRoutes`, no column matrix) against the order of
/// additions they promise, against the column routes, and where the engine uses them.
/// Serialized: one test sets `Engine.threads`.
@Suite(.serialized) struct ConvolutionRouteTests {
    static let kernelRuns = ConvolutionRoutes.convTranspose2d(
        Tensor(repeating: 1, shape: [1, 1, 1, 1]), weight: Tensor(repeating: 1, shape: [1, 64, 1, 1]), direct: true) != nil

    /// OpenBLAS's level-3 k blocking, written out here independently of the engine: blocks of
    /// Q = 448 while at least 2Q remain, then a remainder in (Q, 2Q) halved and rounded up to 16.
    static func blocks(_ k: Int) -> [Range<Int>] {
        var out: [Range<Int>] = [], start = 0
        while start < k {
            let left = k - start
            let length = left >= 896 ? 448 : left > 448 ? (left / 2 + 15) / 16 * 16 : left
            out.append(start..<(start + length))
            start += length
        }
        return out
    }

    /// A sum in the promised order: `blocks` of the terms' fused multiply-add chains, each from
    /// +0, added in turn.
    static func blockedSum(_ count: Int, _ term: (Int) -> (Float, Float)) -> Float {
        var total: Float = 0
        for (index, block) in blocks(count).enumerated() {
            var chain: Float = 0
            for i in block {
                let (a, b) = term(i)
                chain = chain.addingProduct(a, b)
            }
            total = index == 0 ? chain : total + chain
        }
        return total
    }

    /// x[n, c, y, x] with zeros outside the image (the padding).
    static func padded(_ x: Tensor, _ n: Int, _ c: Int, _ y: Int, _ xx: Int) -> Float {
        guard y >= 0 && y < x.shape[2] && xx >= 0 && xx < x.shape[3] else { return 0 }
        return x.scalars[((n * x.shape[1] + c) * x.shape[2] + y) * x.shape[3] + xx]
    }

    /// conv2d's promised sums: k = (c, ki, kj) in order.
    static func forwardModel(_ x: Tensor, _ w: Tensor, stride s: Size2D, padding p: Size2D) -> [Float] {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
        let oh = (h + 2 * p.height - kh) / s.height + 1, ow = (wd + 2 * p.width - kw) / s.width + 1
        var out = [Float](repeating: 0, count: n * o * oh * ow)
        for b in 0..<n { for j in 0..<o { for y in 0..<oh { for xx in 0..<ow {
            out[((b * o + j) * oh + y) * ow + xx] = blockedSum(c * kh * kw) { k in
                let (ch, ki, kj) = (k / (kh * kw), k / kw % kh, k % kw)
                return (padded(x, b, ch, y * s.height - p.height + ki, xx * s.width - p.width + kj), w.scalars[j * c * kh * kw + k])
            }
        } } } }
        return out
    }

    /// conv2d's weight gradient's promised sums: pixels p = (n, oy, ox) in order.
    static func weightGradientModel(_ x: Tensor, _ g: Tensor, kernel: Size2D, stride s: Size2D, padding p: Size2D) -> [Float] {
        let (c, o, oh, ow) = (x.shape[1], g.shape[1], g.shape[2], g.shape[3])
        var out = [Float](repeating: 0, count: o * c * kernel.height * kernel.width)
        for j in 0..<o { for ch in 0..<c { for ki in 0..<kernel.height { for kj in 0..<kernel.width {
            out[((j * c + ch) * kernel.height + ki) * kernel.width + kj] = blockedSum(g.shape[0] * oh * ow) { q in
                let (b, y, xx) = (q / (oh * ow), q / ow % oh, q % ow)
                return (padded(x, b, ch, y * s.height - p.height + ki, xx * s.width - p.width + kj),
                        g.scalars[((b * o + j) * oh + y) * ow + xx])
            }
        } } } }
        return out
    }

    /// convTranspose2d's promised sums, scalar: each output pixel gets the taps that reach it from
    /// inside the input, in (ki, kj) order from +0; each tap is the blocks' fused multiply-add
    /// chains over input channels, each from +0, added in turn.
    static func model(_ x: Tensor, _ w: Tensor, stride s: Size2D, padding p: Size2D, outputPadding op: Size2D) -> [Float] {
        let (n, c, ih, iw) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, kh, kw) = (w.shape[1], w.shape[2], w.shape[3])
        let oh = (ih - 1) * s.height - 2 * p.height + kh + op.height
        let ow = (iw - 1) * s.width - 2 * p.width + kw + op.width
        let xs = x.scalars, ws = w.scalars, chainBlocks = blocks(c)
        var out = [Float](repeating: 0, count: n * o * oh * ow)
        for b in 0..<n {
            for j in 0..<o {
                for y in 0..<oh {
                    for xx in 0..<ow {
                        var total: Float = 0
                        for ki in 0..<kh {
                            let dy = y + p.height - ki
                            guard dy >= 0, dy % s.height == 0, dy / s.height < ih else { continue }
                            for kj in 0..<kw {
                                let dx = xx + p.width - kj
                                guard dx >= 0, dx % s.width == 0, dx / s.width < iw else { continue }
                                var tap: Float = 0
                                for (index, block) in chainBlocks.enumerated() {
                                    var chain: Float = 0
                                    for ch in block {
                                        chain = chain.addingProduct(xs[((b * c + ch) * ih + dy / s.height) * iw + dx / s.width],
                                                                    ws[((ch * o + j) * kh + ki) * kw + kj])
                                    }
                                    tap = index == 0 ? chain : tap + chain
                                }
                                total = total + tap
                            }
                        }
                        out[((b * o + j) * oh + y) * ow + xx] = total
                    }
                }
            }
        }
        return out
    }

    struct RouteCase: Sendable, CustomTestStringConvertible {
        var n: Int, c: Int, h: Int, w: Int, o: Int
        var kernel: Size2D, stride: Size2D, padding: Size2D, outputPadding: Size2D = 0
        var testDescription: String {
            "x[\(n),\(c),\(h),\(w)] o=\(o) k=\(kernel) s=\(stride) p=\(padding) op=\(outputPadding)"
        }
        var x: Tensor { GradientCheck.tensor([n, c, h, w], seed: UInt64(7 * c + h)) }
        var weight: Tensor { GradientCheck.tensor([c, o, kernel.height, kernel.width], seed: UInt64(11 * o + w), scale: 0.2) }
    }

    /// DCGAN's 4/2/1 layer; rows wider than a 7-pixel tile; three and two k blocks (1000: 448 +
    /// 288 + 264, 500: 256 + 244); stride 1 and 3, an output padding, a 1×1 and a rectangular kernel.
    static let cases: [RouteCase] = [
        RouteCase(n: 2, c: 20, h: 5, w: 5, o: 64, kernel: 4, stride: 2, padding: 1),
        RouteCase(n: 1, c: 3, h: 2, w: 19, o: 128, kernel: 4, stride: 2, padding: 1),
        RouteCase(n: 1, c: 1000, h: 2, w: 3, o: 64, kernel: 4, stride: 2, padding: 1),
        RouteCase(n: 2, c: 500, h: 3, w: 2, o: 64, kernel: 3, stride: 1, padding: 1),
        RouteCase(n: 1, c: 5, h: 3, w: 4, o: 64, kernel: 5, stride: 3, padding: 2, outputPadding: Size2D(height: 1, width: 2)),
        RouteCase(n: 3, c: 9, h: 4, w: 3, o: 192, kernel: 1, stride: 1, padding: 0),
        RouteCase(n: 1, c: 6, h: 3, w: 9, o: 64, kernel: Size2D(height: 2, width: 5), stride: Size2D(height: 2, width: 1),
                  padding: Size2D(height: 0, width: 2)),
    ]

    static func transposed(_ t: RouteCase, direct: Bool) -> Tensor? {
        ConvolutionRoutes.convTranspose2d(t.x, weight: t.weight, stride: t.stride, padding: t.padding,
                                          outputPadding: t.outputPadding, direct: direct)
    }

    @Test(.enabled(if: kernelRuns), arguments: cases)
    func transposedDirectRouteMakesThePromisedSums(_ t: RouteCase) throws {
        let direct = try #require(Self.transposed(t, direct: true))
        let expected = Self.model(t.x, t.weight, stride: t.stride, padding: t.padding, outputPadding: t.outputPadding)
        #expect(DeterminismTests.differingBits(direct.scalars, expected) == 0)
    }

    @Test(.enabled(if: kernelRuns), arguments: cases)
    func transposedDirectRouteAgreesWithTheColumnRoute(_ t: RouteCase) throws {
        let direct = try #require(Self.transposed(t, direct: true))
        expectClose(direct, try #require(Self.transposed(t, direct: false)), relative: 1e-4, absolute: 1e-5)
    }

    /// conv2d cases, as (input, weight) of conv2d: the same geometries seen from the other side,
    /// with k = C·kH·kW crossing blocks (63·16 = 1008: 448 + 288 + 272) and N·P crossing them
    /// for the weight gradient (5 · 10 · 20 = 1000: 448 + 288 + 264).
    static let forwardCases: [RouteCase] = [
        RouteCase(n: 2, c: 20, h: 10, w: 10, o: 64, kernel: 4, stride: 2, padding: 1),
        RouteCase(n: 1, c: 3, h: 4, w: 38, o: 128, kernel: 4, stride: 2, padding: 1),
        RouteCase(n: 1, c: 63, h: 8, w: 6, o: 64, kernel: 4, stride: 2, padding: 1),
        RouteCase(n: 5, c: 2, h: 10, w: 20, o: 64, kernel: 3, stride: 1, padding: 1),
        RouteCase(n: 1, c: 5, h: 9, w: 13, o: 64, kernel: 5, stride: 3, padding: 2),
        RouteCase(n: 3, c: 9, h: 4, w: 3, o: 192, kernel: 1, stride: 1, padding: 0),
        RouteCase(n: 1, c: 6, h: 6, w: 9, o: 64, kernel: Size2D(height: 2, width: 5), stride: Size2D(height: 2, width: 1),
                  padding: Size2D(height: 0, width: 2)),
    ]

    static func convWeight(_ t: RouteCase) -> Tensor {
        GradientCheck.tensor([t.o, t.c, t.kernel.height, t.kernel.width], seed: UInt64(13 * t.o + t.h), scale: 0.2)
    }

    static func gradOutput(_ t: RouteCase) -> Tensor {
        let oh = (t.h + 2 * t.padding.height - t.kernel.height) / t.stride.height + 1
        let ow = (t.w + 2 * t.padding.width - t.kernel.width) / t.stride.width + 1
        return GradientCheck.tensor([t.n, t.o, oh, ow], seed: UInt64(17 * t.c + t.w))
    }

    static func weightGradient(_ t: RouteCase, direct: Bool) -> Tensor? {
        ConvolutionRoutes.conv2dWeightGradient(input: t.x, gradOutput: gradOutput(t), kernelSize: t.kernel,
                                               stride: t.stride, padding: t.padding, direct: direct)
    }

    @Test(.enabled(if: kernelRuns), arguments: forwardCases)
    func forwardDirectRouteMakesThePromisedSums(_ t: RouteCase) throws {
        let w = Self.convWeight(t)
        let direct = try #require(ConvolutionRoutes.conv2d(t.x, weight: w, stride: t.stride, padding: t.padding, direct: true))
        let expected = Self.forwardModel(t.x, w, stride: t.stride, padding: t.padding)
        #expect(DeterminismTests.differingBits(direct.scalars, expected) == 0)
        let columns = try #require(ConvolutionRoutes.conv2d(t.x, weight: w, stride: t.stride, padding: t.padding,
                                                            direct: false))
        expectClose(direct, columns, relative: 1e-4, absolute: 1e-5)
    }

    @Test(.enabled(if: kernelRuns), arguments: forwardCases)
    func weightGradientDirectRouteMakesThePromisedSums(_ t: RouteCase) throws {
        let direct = try #require(Self.weightGradient(t, direct: true))
        let expected = Self.weightGradientModel(t.x, Self.gradOutput(t), kernel: t.kernel, stride: t.stride,
                                                padding: t.padding)
        #expect(DeterminismTests.differingBits(direct.scalars, expected) == 0)
        expectClose(direct, try #require(Self.weightGradient(t, direct: false)), relative: 1e-4, absolute: 1e-5)
    }

    /// No AVX-512F, or output channels not a multiple of 64: no direct route.
    @Test func directRoutesDeclineWhatTheyCannotRun() {
        let x = GradientCheck.tensor([1, 4, 6, 6], seed: 1)
        #expect(ConvolutionRoutes.convTranspose2d(x, weight: GradientCheck.tensor([4, 32, 4, 4], seed: 2),
                                                  stride: 2, padding: 1, direct: true) == nil)
        #expect(ConvolutionRoutes.conv2d(x, weight: GradientCheck.tensor([32, 4, 4, 4], seed: 3),
                                         stride: 2, padding: 1, direct: true) == nil)
        #expect(ConvolutionRoutes.conv2dWeightGradient(input: x, gradOutput: GradientCheck.tensor([1, 48, 3, 3], seed: 4),
                                                       kernelSize: 4, stride: 2, padding: 1, direct: true) == nil)
    }

    @Test(.enabled(if: kernelRuns)) func directRoutesGiveTheSameBitsOnAnyThreadCount() throws {
        let t = RouteCase(n: 4, c: 24, h: 7, w: 7, o: 128, kernel: 4, stride: 2, padding: 1)
        let c = RouteCase(n: 4, c: 24, h: 14, w: 14, o: 128, kernel: 4, stride: 2, padding: 1)
        func all() -> [[Float]] {
            [Self.transposed(t, direct: true)?.scalars ?? [],
             ConvolutionRoutes.conv2d(c.x, weight: Self.convWeight(c), stride: 2, padding: 1, direct: true)?.scalars ?? [],
             Self.weightGradient(c, direct: true)?.scalars ?? []]
        }
        let one = DeterminismTests.withThreads(1) { all() }
        for threads in [2, 3] {
            let many = DeterminismTests.withThreads(threads) { all() }
            for (a, b) in zip(one, many) {
                #expect(!a.isEmpty && DeterminismTests.differingBits(a, b) == 0, "\(threads) threads")
            }
        }
    }

    /// The engine takes the direct routes exactly when this process's OpenBLAS sums in the
    /// promised order, so that taking them never changes a result: under the SkylakeX kernel it
    /// does, under the Haswell kernel (the default pin) it does not. The shapes are DCGAN-MNIST's
    /// second layer on 8 images, large enough to stay off OpenBLAS's small-matrix path.
    @Test func engineUsesTheDirectRoutesExactlyWhereTheyGiveTheColumnRoutesBits() throws {
        let t = RouteCase(n: 8, c: 128, h: 7, w: 7, o: 64, kernel: 4, stride: 2, padding: 1)
        let c = RouteCase(n: 8, c: 64, h: 14, w: 14, o: 128, kernel: 4, stride: 2, padding: 1)
        let w = Self.convWeight(c), g = Self.gradOutput(c)
        let columns = try [#require(Self.transposed(t, direct: false)),
                           #require(ConvolutionRoutes.conv2d(c.x, weight: w, stride: 2, padding: 1, direct: false)),
                           #require(Self.weightGradient(c, direct: false))]
        let models = [Self.model(t.x, t.weight, stride: t.stride, padding: t.padding, outputPadding: 0),
                      Self.forwardModel(c.x, w, stride: 2, padding: 1),
                      Self.weightGradientModel(c.x, g, kernel: 4, stride: 2, padding: 1)]
        let blasFollowsTheModel = zip(columns, models).allSatisfy { DeterminismTests.differingBits($0.scalars, $1) == 0 }
        #expect(Engine.convolutionsAreDirect == (Self.kernelRuns && blasFollowsTheModel), "OpenBLAS \(Engine.blasCoreName)")
        let engine = [t.x.convTranspose2d(weight: t.weight, stride: 2, padding: 1),
                      c.x.conv2d(weight: w, stride: 2, padding: 1),
                      Tensor.conv2dWeightGradient(input: c.x, gradOutput: g, kernelSize: 4, stride: 2, padding: 1)]
        for (e, col) in zip(engine, columns) { #expect(DeterminismTests.differingBits(e.scalars, col.scalars) == 0) }
    }

    /// A bias's gradient is `g.sum(axes: [0, 2, 3])` to the bit, whichever pass computes it (the
    /// transpose for the column routes, a sums-only pass for the direct ones).
    @Test func biasGradientsAreTheSumsBits() {
        let x = GradientCheck.tensor([4, 64, 14, 14], seed: 8).requiringGrad()
        let w = GradientCheck.tensor([128, 64, 4, 4], seed: 9, scale: 0.1).requiringGrad()
        let b = GradientCheck.tensor([128], seed: 10).requiringGrad()
        let y = x.conv2d(weight: w, bias: b, stride: 2, padding: 1)
        let g = GradientCheck.tensor(y.shape, seed: 11)
        let viaConv = gradients(of: y, wrt: [b], seed: g)[0]
        #expect(DeterminismTests.differingBits(viaConv.scalars, g.sum(axes: [0, 2, 3]).scalars) == 0)

        let z = GradientCheck.tensor([4, 128, 7, 7], seed: 12).requiringGrad()
        let v = GradientCheck.tensor([128, 64, 4, 4], seed: 13, scale: 0.1).requiringGrad()
        let c = GradientCheck.tensor([64], seed: 14).requiringGrad()
        let out = z.convTranspose2d(weight: v, bias: c, stride: 2, padding: 1)
        let h = GradientCheck.tensor(out.shape, seed: 15)
        let viaTransposed = gradients(of: out, wrt: [c], seed: h)[0]
        #expect(DeterminismTests.differingBits(viaTransposed.scalars, h.sum(axes: [0, 2, 3]).scalars) == 0)
    }

    /// The tape around whichever routes the engine takes, at sizes where they may be direct.
    @Test func gradientsThroughLargeConvolutions() {
        let x = GradientCheck.tensor([2, 128, 4, 4], seed: 3)
        let w = GradientCheck.tensor([128, 64, 4, 4], seed: 4, scale: 0.1)
        expectGradient([x, w], "convTranspose2d") { v in
            v[0].convTranspose2d(weight: v[1], stride: 2, padding: 1).tanh()
        }
        let image = GradientCheck.tensor([2, 64, 8, 8], seed: 5)
        let kernel = GradientCheck.tensor([128, 64, 4, 4], seed: 6, scale: 0.1)
        let bias = GradientCheck.tensor([128], seed: 7)
        expectGradient([image, kernel, bias], "conv2d") { v in
            v[0].conv2d(weight: v[1], bias: v[2], stride: 2, padding: 1).tanh()
        }
    }
}
