import MinimaxTensor
import MinimaxTestSupport
import Testing

/// `convTranspose2d`'s direct route (`TransposedConvolutionRoutes.direct`, no column matrix)
/// against the order of additions it promises, against the GEMM route, and where the engine
/// uses it. Serialized: one test sets `Engine.threads`.
@Suite(.serialized) struct TransposedConvolutionRouteTests {
    static let kernelRuns = TransposedConvolutionRoutes.direct(
        Tensor(repeating: 1, shape: [1, 1, 1, 1]), weight: Tensor(repeating: 1, shape: [1, 64, 1, 1])) != nil

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

    /// The promised sums, scalar: each output pixel gets the taps that reach it from inside the
    /// input, in (ki, kj) order from +0; each tap is the blocks' fused multiply-add chains over
    /// input channels, each from +0, added in turn.
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

    @Test(.enabled(if: kernelRuns), arguments: cases)
    func directRouteMakesThePromisedSums(_ t: RouteCase) throws {
        let direct = try #require(TransposedConvolutionRoutes.direct(t.x, weight: t.weight, stride: t.stride,
                                                                     padding: t.padding, outputPadding: t.outputPadding))
        let expected = Self.model(t.x, t.weight, stride: t.stride, padding: t.padding, outputPadding: t.outputPadding)
        #expect(DeterminismTests.differingBits(direct.scalars, expected) == 0)
    }

    @Test(.enabled(if: kernelRuns), arguments: cases)
    func directRouteAgreesWithTheColumnRoute(_ t: RouteCase) throws {
        let direct = try #require(TransposedConvolutionRoutes.direct(t.x, weight: t.weight, stride: t.stride,
                                                                     padding: t.padding, outputPadding: t.outputPadding))
        let columns = TransposedConvolutionRoutes.columns(t.x, weight: t.weight, stride: t.stride, padding: t.padding,
                                                          outputPadding: t.outputPadding)
        expectClose(direct, columns, relative: 1e-4, absolute: 1e-5)
    }

    /// No AVX-512F, or output channels not a multiple of 64: no direct route.
    @Test func directRouteDeclinesWhatItCannotRun() {
        let x = GradientCheck.tensor([1, 4, 3, 3], seed: 1)
        #expect(TransposedConvolutionRoutes.direct(x, weight: GradientCheck.tensor([4, 32, 4, 4], seed: 2),
                                                   stride: 2, padding: 1) == nil)
    }

    @Test(.enabled(if: kernelRuns)) func directRouteGivesTheSameBitsOnAnyThreadCount() throws {
        let t = RouteCase(n: 4, c: 24, h: 7, w: 7, o: 128, kernel: 4, stride: 2, padding: 1)
        let one = try #require(DeterminismTests.withThreads(1) {
            TransposedConvolutionRoutes.direct(t.x, weight: t.weight, stride: t.stride, padding: t.padding)
        })
        for threads in [2, 3] {
            let many = try #require(DeterminismTests.withThreads(threads) {
                TransposedConvolutionRoutes.direct(t.x, weight: t.weight, stride: t.stride, padding: t.padding)
            })
            #expect(DeterminismTests.differingBits(one.scalars, many.scalars) == 0, "\(threads) threads")
        }
    }

    /// The engine takes the direct route exactly when this process's OpenBLAS sums in the
    /// promised order, so that taking it never changes a result: under the SkylakeX kernel it
    /// does, under the Haswell kernel (the default pin) it does not. The shape is large enough
    /// (512·392·128 multiply-adds per GEMM band) to stay off OpenBLAS's small-matrix path.
    @Test func engineUsesTheDirectRouteExactlyWhereItGivesTheColumnRoutesBits() {
        let t = RouteCase(n: 8, c: 128, h: 7, w: 7, o: 64, kernel: 4, stride: 2, padding: 1)
        let columns = TransposedConvolutionRoutes.columns(t.x, weight: t.weight, stride: t.stride, padding: t.padding)
        let blasFollowsTheModel = DeterminismTests.differingBits(
            columns.scalars, Self.model(t.x, t.weight, stride: t.stride, padding: t.padding, outputPadding: 0)) == 0
        #expect(Engine.transposedConvolutionIsDirect == (Self.kernelRuns && blasFollowsTheModel),
                "OpenBLAS \(Engine.blasCoreName)")
        let engine = t.x.convTranspose2d(weight: t.weight, stride: t.stride, padding: t.padding)
        #expect(DeterminismTests.differingBits(engine.scalars, columns.scalars) == 0)
    }

    /// The tape around whichever route the engine takes, at a size where it may be direct:
    /// conv2d's input gradient and convTranspose2d's forward both go through it.
    @Test func gradientsThroughALargeTransposedConvolution() {
        let x = GradientCheck.tensor([2, 128, 4, 4], seed: 3)
        let w = GradientCheck.tensor([128, 64, 4, 4], seed: 4, scale: 0.1)
        expectGradient([x, w], "convTranspose2d") { v in
            v[0].convTranspose2d(weight: v[1], stride: 2, padding: 1).tanh()
        }
        let image = GradientCheck.tensor([2, 64, 8, 8], seed: 5)
        let kernel = GradientCheck.tensor([128, 64, 4, 4], seed: 6, scale: 0.1)
        expectGradient([image, kernel], "conv2d") { v in
            v[0].conv2d(weight: v[1], stride: 2, padding: 1).tanh()
        }
    }
}
