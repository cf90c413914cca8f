import MinimaxTensor
import MinimaxTestSupport
import Testing

/// One convolution configuration: input [n, c, h, w], weight [o, c, kernel] (conv2d) or
/// [c, o, kernel] (convTranspose2d).
struct ConvCase: Sendable, CustomTestStringConvertible {
    var n: Int, c: Int, h: Int, w: Int, o: Int
    var kernel: Size2D, stride: Size2D, padding: Size2D
    var outputPadding: Size2D = 0
    var bias: Bool

    var testDescription: String {
        "x[\(n),\(c),\(h),\(w)] o=\(o) k=\(kernel) s=\(stride) p=\(padding) op=\(outputPadding) bias=\(bias)"
    }

    /// The output spatial size of conv2d.
    var convOutput: (Int, Int) {
        ((h + 2 * padding.height - kernel.height) / stride.height + 1,
         (w + 2 * padding.width - kernel.width) / stride.width + 1)
    }

    /// The output spatial size of convTranspose2d.
    var transposeOutput: (Int, Int) {
        ((h - 1) * stride.height - 2 * padding.height + kernel.height + outputPadding.height,
         (w - 1) * stride.width - 2 * padding.width + kernel.width + outputPadding.width)
    }
}

/// Stride 1, 2 and 3 (and mixed), padding 0/1/2, square and rectangular kernels, with and without bias.
let conv2dCases: [ConvCase] = [
    ConvCase(n: 2, c: 3, h: 5, w: 6, o: 4, kernel: 3, stride: 1, padding: 0, bias: true),
    ConvCase(n: 1, c: 2, h: 7, w: 5, o: 3, kernel: Size2D(height: 3, width: 2), stride: 2, padding: 1, bias: false),
    ConvCase(n: 2, c: 1, h: 6, w: 6, o: 2, kernel: 4, stride: 2, padding: 1, bias: true),
    ConvCase(n: 1, c: 2, h: 3, w: 4, o: 2, kernel: Size2D(height: 2, width: 3),
             stride: Size2D(height: 1, width: 2), padding: Size2D(height: 2, width: 0), bias: true),
    ConvCase(n: 2, c: 2, h: 5, w: 5, o: 3, kernel: 1, stride: 2, padding: 0, bias: false),
    ConvCase(n: 1, c: 1, h: 2, w: 2, o: 2, kernel: 3, stride: 1, padding: 2, bias: true),
    // Stride 3 across with padding 2 (three column phases, the first column of a phase padding),
    // and 13- and 37-wide output rows (the 8-, 4- and 1-lane runs of the layout kernels, one
    // and several 8-lane steps).
    ConvCase(n: 2, c: 2, h: 6, w: 9, o: 2, kernel: Size2D(height: 2, width: 4), stride: Size2D(height: 2, width: 3),
             padding: Size2D(height: 1, width: 2), bias: true),
    ConvCase(n: 1, c: 2, h: 4, w: 13, o: 2, kernel: 3, stride: 1, padding: 1, bias: false),
    ConvCase(n: 1, c: 1, h: 3, w: 37, o: 2, kernel: 3, stride: 1, padding: 1, bias: true),
]

/// Output paddings 0 and 1 (and 2 with stride 3), DCGAN's 4/2/1 doubling, rectangular kernels.
let convTranspose2dCases: [ConvCase] = [
    ConvCase(n: 2, c: 3, h: 3, w: 4, o: 2, kernel: 3, stride: 2, padding: 1, outputPadding: 1, bias: true),
    ConvCase(n: 1, c: 2, h: 4, w: 3, o: 3, kernel: 4, stride: 2, padding: 1, bias: false),
    ConvCase(n: 2, c: 2, h: 3, w: 3, o: 1, kernel: Size2D(height: 2, width: 3), stride: 1, padding: 0, bias: true),
    ConvCase(n: 1, c: 3, h: 2, w: 3, o: 2, kernel: Size2D(height: 3, width: 2), stride: Size2D(height: 3, width: 2),
             padding: Size2D(height: 2, width: 0), outputPadding: Size2D(height: 2, width: 1), bias: true),
    ConvCase(n: 2, c: 2, h: 3, w: 4, o: 2, kernel: Size2D(height: 3, width: 5), stride: Size2D(height: 2, width: 3),
             padding: Size2D(height: 1, width: 2), outputPadding: Size2D(height: 1, width: 2), bias: false),
    ConvCase(n: 1, c: 2, h: 2, w: 13, o: 2, kernel: 3, stride: 1, padding: 1, bias: true),
    ConvCase(n: 1, c: 1, h: 2, w: 19, o: 2, kernel: 3, stride: 1, padding: 1, bias: false),
]

/// conv2d by its definition, in Double: out[n,o,y,x] = b[o] + Σ w[o,c,i,j]·x[n,c,y·s−p+i, x·s−p+j].
func directConv2d(_ x: Tensor, _ w: Tensor, _ b: Tensor?, _ k: ConvCase) -> [Double] {
    let (oh, ow) = k.convOutput
    var out = [Double](repeating: 0, count: k.n * k.o * oh * ow)
    for n in 0..<k.n {
        for o in 0..<k.o {
            for y in 0..<oh {
                for xx in 0..<ow {
                    var s = Double(b?.scalars[o] ?? 0)
                    for c in 0..<k.c {
                        for i in 0..<k.kernel.height {
                            for j in 0..<k.kernel.width {
                                let iy = y * k.stride.height - k.padding.height + i
                                let ix = xx * k.stride.width - k.padding.width + j
                                guard iy >= 0 && iy < k.h && ix >= 0 && ix < k.w else { continue }
                                let xv = x.scalars[((n * k.c + c) * k.h + iy) * k.w + ix]
                                let wv = w.scalars[((o * k.c + c) * k.kernel.height + i) * k.kernel.width + j]
                                s += Double(xv) * Double(wv)
                            }
                        }
                    }
                    out[((n * k.o + o) * oh + y) * ow + xx] = s
                }
            }
        }
    }
    return out
}

/// convTranspose2d by its definition: every input pixel scatters w[c,o,i,j]·x[n,c,iy,ix]
/// to output pixel (iy·s − p + i, ix·s − p + j) when it lies inside the output.
func directConvTranspose2d(_ x: Tensor, _ w: Tensor, _ b: Tensor?, _ k: ConvCase) -> [Double] {
    let (oh, ow) = k.transposeOutput
    var out = [Double](repeating: 0, count: k.n * k.o * oh * ow)
    for n in 0..<k.n {
        for o in 0..<k.o {
            for p in 0..<(oh * ow) { out[(n * k.o + o) * oh * ow + p] = Double(b?.scalars[o] ?? 0) }
        }
        for c in 0..<k.c {
            for iy in 0..<k.h {
                for ix in 0..<k.w {
                    let xv = Double(x.scalars[((n * k.c + c) * k.h + iy) * k.w + ix])
                    for o in 0..<k.o {
                        for i in 0..<k.kernel.height {
                            for j in 0..<k.kernel.width {
                                let y = iy * k.stride.height - k.padding.height + i
                                let xx = ix * k.stride.width - k.padding.width + j
                                guard y >= 0 && y < oh && xx >= 0 && xx < ow else { continue }
                                let wv = Double(w.scalars[((c * k.o + o) * k.kernel.height + i) * k.kernel.width + j])
                                out[((n * k.o + o) * oh + y) * ow + xx] += xv * wv
                            }
                        }
                    }
                }
            }
        }
    }
    return out
}

/// |a − b| ≤ 1e-5·|b| + 1e-5 elementwise: Float32 sums of a few dozen products of O(1) terms.
func expectClose(_ actual: [Float], _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    let worst = zip(actual, expected).map { Swift.abs(Double($0) - $1) - 1e-5 * Swift.abs($1) }.max() ?? 0
    #expect(worst <= 1e-5, "largest excess error \(worst)", sourceLocation: sourceLocation)
}

func dot(_ a: Tensor, _ b: Tensor) -> Double {
    zip(a.scalars, b.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
}

@Suite struct ConvolutionTests {
    @Test(arguments: conv2dCases)
    func conv2dMatchesDirectLoops(_ k: ConvCase) {
        let x = GradientCheck.tensor([k.n, k.c, k.h, k.w], seed: 1)
        let w = GradientCheck.tensor([k.o, k.c, k.kernel.height, k.kernel.width], seed: 2)
        let b = k.bias ? GradientCheck.tensor([k.o], seed: 3) : nil
        let y = x.conv2d(weight: w, bias: b, stride: k.stride, padding: k.padding)
        let (oh, ow) = k.convOutput
        #expect(y.shape == [k.n, k.o, oh, ow])
        expectClose(y.scalars, directConv2d(x, w, b, k))
    }

    @Test(arguments: convTranspose2dCases)
    func convTranspose2dMatchesDirectScatter(_ k: ConvCase) {
        let x = GradientCheck.tensor([k.n, k.c, k.h, k.w], seed: 4)
        let w = GradientCheck.tensor([k.c, k.o, k.kernel.height, k.kernel.width], seed: 5)
        let b = k.bias ? GradientCheck.tensor([k.o], seed: 6) : nil
        let y = x.convTranspose2d(weight: w, bias: b, stride: k.stride, padding: k.padding, outputPadding: k.outputPadding)
        let (oh, ow) = k.transposeOutput
        #expect(y.shape == [k.n, k.o, oh, ow])
        expectClose(y.scalars, directConvTranspose2d(x, w, b, k))
    }

    /// ⟨conv2d(x, w), y⟩ = ⟨x, convTranspose2d(y, w)⟩ when convTranspose2d's output padding
    /// restores x's size: the two are adjoint linear maps of x and y.
    @Test(arguments: conv2dCases)
    func convAndTransposeAreAdjoint(_ k: ConvCase) {
        let x = GradientCheck.tensor([k.n, k.c, k.h, k.w], seed: 7)
        let w = GradientCheck.tensor([k.o, k.c, k.kernel.height, k.kernel.width], seed: 8)
        let (oh, ow) = k.convOutput
        let y = GradientCheck.tensor([k.n, k.o, oh, ow], seed: 9)
        let outputPadding = Size2D(height: (k.h + 2 * k.padding.height - k.kernel.height) % k.stride.height,
                                   width: (k.w + 2 * k.padding.width - k.kernel.width) % k.stride.width)
        let back = y.convTranspose2d(weight: w, stride: k.stride, padding: k.padding, outputPadding: outputPadding)
        #expect(back.shape == x.shape)
        let lhs = dot(x.conv2d(weight: w, stride: k.stride, padding: k.padding), y), rhs = dot(x, back)
        #expect(Swift.abs(lhs - rhs) <= 1e-5 * Swift.abs(lhs) + 1e-4, "⟨conv x, y⟩ = \(lhs), ⟨x, convT y⟩ = \(rhs)")
    }

    @Test(arguments: conv2dCases)
    func conv2dGradients(_ k: ConvCase) {
        let inputs = [GradientCheck.tensor([k.n, k.c, k.h, k.w], seed: 10),
                      GradientCheck.tensor([k.o, k.c, k.kernel.height, k.kernel.width], seed: 11)]
            + (k.bias ? [GradientCheck.tensor([k.o], seed: 12)] : [])
        let result = GradientCheck.check(inputs) { t in
            t[0].conv2d(weight: t[1], bias: t.count > 2 ? t[2] : nil, stride: k.stride, padding: k.padding)
        }
        #expect(result.passed, "\(result)")
    }

    @Test(arguments: convTranspose2dCases)
    func convTranspose2dGradients(_ k: ConvCase) {
        let inputs = [GradientCheck.tensor([k.n, k.c, k.h, k.w], seed: 13),
                      GradientCheck.tensor([k.c, k.o, k.kernel.height, k.kernel.width], seed: 14)]
            + (k.bias ? [GradientCheck.tensor([k.o], seed: 15)] : [])
        let result = GradientCheck.check(inputs) { t in
            t[0].convTranspose2d(weight: t[1], bias: t.count > 2 ? t[2] : nil, stride: k.stride, padding: k.padding,
                                 outputPadding: k.outputPadding)
        }
        #expect(result.passed, "\(result)")
    }

    @Test(arguments: conv2dCases)
    func conv2dWeightGradientGradients(_ k: ConvCase) {
        let (oh, ow) = k.convOutput
        let inputs = [GradientCheck.tensor([k.n, k.c, k.h, k.w], seed: 16),
                      GradientCheck.tensor([k.n, k.o, oh, ow], seed: 17)]
        let result = GradientCheck.check(inputs) { t in
            Tensor.conv2dWeightGradient(input: t[0], gradOutput: t[1], kernelSize: k.kernel, stride: k.stride,
                                        padding: k.padding)
        }
        #expect(result.passed, "\(result)")
    }

    /// conv2dWeightGradient is the weight gradient of ⟨conv2d(x, w), g⟩.
    @Test func weightGradientMatchesAutograd() {
        let k = conv2dCases[1]
        let x = GradientCheck.tensor([k.n, k.c, k.h, k.w], seed: 18)
        let w = GradientCheck.tensor([k.o, k.c, k.kernel.height, k.kernel.width], seed: 19).requiringGrad()
        let (oh, ow) = k.convOutput
        let g = GradientCheck.tensor([k.n, k.o, oh, ow], seed: 20)
        let viaAutograd = gradients(of: x.conv2d(weight: w, stride: k.stride, padding: k.padding), wrt: [w], seed: g)[0]
        let direct = Tensor.conv2dWeightGradient(input: x, gradOutput: g, kernelSize: k.kernel, stride: k.stride,
                                                 padding: k.padding)
        #expect(direct.shape == w.shape)
        expectClose(viaAutograd.scalars, direct.scalars.map(Double.init))
    }

    @Test(arguments: [conv2dCases[0], conv2dCases[1], conv2dCases[3]])
    func conv2dSecondOrder(_ k: ConvCase) {
        let inputs = [GradientCheck.tensor([k.n, k.c, k.h, k.w], seed: 21),
                      GradientCheck.tensor([k.o, k.c, k.kernel.height, k.kernel.width], seed: 22, scale: 0.5),
                      GradientCheck.tensor([k.o], seed: 23)]
        let result = GradientCheck.checkSecondOrder(inputs) { t in
            t[0].conv2d(weight: t[1], bias: t[2], stride: k.stride, padding: k.padding).tanh()
        }
        #expect(result.passed, "\(result)")
    }

    @Test(arguments: [convTranspose2dCases[0], convTranspose2dCases[3]])
    func convTranspose2dSecondOrder(_ k: ConvCase) {
        let inputs = [GradientCheck.tensor([k.n, k.c, k.h, k.w], seed: 24),
                      GradientCheck.tensor([k.c, k.o, k.kernel.height, k.kernel.width], seed: 25, scale: 0.5),
                      GradientCheck.tensor([k.o], seed: 26)]
        let result = GradientCheck.checkSecondOrder(inputs) { t in
            t[0].convTranspose2d(weight: t[1], bias: t[2], stride: k.stride, padding: k.padding,
                                 outputPadding: k.outputPadding).tanh()
        }
        #expect(result.passed, "\(result)")
    }

    /// WGAN-GP on a two-layer conv critic: the penalty ‖∇ₓD(x)‖² must be differentiable in
    /// the critic's weights (and in x), which runs the pullbacks of the pullbacks.
    @Test func gradientPenaltyOfConvCriticIsDifferentiable() {
        let inputs = [GradientCheck.tensor([2, 1, 6, 6], seed: 27),
                      GradientCheck.tensor([3, 1, 4, 4], seed: 28, scale: 0.5),
                      GradientCheck.tensor([3], seed: 29),
                      GradientCheck.tensor([1, 3, 3, 3], seed: 30, scale: 0.5)]
        let result = GradientCheck.check(inputs) { t in
            let hidden = t[0].conv2d(weight: t[1], bias: t[2], stride: 2, padding: 1).softplus()
            let critic = hidden.conv2d(weight: t[3]).sum()
            let gradX = gradients(of: critic, wrt: [t[0]], createGraph: true)[0]
            return (gradX.squared().sum(axes: [1, 2, 3]) - 1).squared().mean()
        }
        #expect(result.passed, "\(result)")
    }

    /// DCGAN-MNIST's layers: 28 → 14 → 7 by Conv2d(·, ·, 4, 2, 1), back by ConvTranspose2d(·, ·, 4, 2, 1).
    @Test func dcganShapes() throws {
        #expect(try Tensor.conv2dOutputShape(input: [64, 1, 28, 28], weight: [64, 1, 4, 4], bias: [64], stride: 2,
                                             padding: 1) == [64, 64, 14, 14])
        #expect(try Tensor.conv2dOutputShape(input: [64, 64, 14, 14], weight: [128, 64, 4, 4], stride: 2,
                                             padding: 1) == [64, 128, 7, 7])
        #expect(try Tensor.convTranspose2dOutputShape(input: [64, 128, 7, 7], weight: [128, 64, 4, 4], stride: 2,
                                                      padding: 1) == [64, 64, 14, 14])
        #expect(try Tensor.convTranspose2dOutputShape(input: [64, 64, 14, 14], weight: [64, 1, 4, 4], bias: [1],
                                                      stride: 2, padding: 1) == [64, 1, 28, 28])
    }

    /// The validators behind the ops' preconditions name the op, the problem and the shapes.
    @Test func badShapesAreReportedWithTheOpAndShapes() {
        func message(_ body: () throws -> [Int]) -> String {
            do { return "no error, shape \(try body())" } catch { return "\(error)" }
        }
        let notFourD = message { try Tensor.conv2dOutputShape(input: [1, 28, 28], weight: [4, 1, 3, 3]) }
        #expect(notFourD == "conv2d: input must be 4-D [N, C, H, W], got shape [1, 28, 28]")
        let channels = message { try Tensor.conv2dOutputShape(input: [2, 3, 8, 8], weight: [4, 1, 3, 3]) }
        #expect(channels.hasPrefix("conv2d: input [2, 3, 8, 8] has 3 channels but weight [4, 1, 3, 3] expects 1"))
        let large = message { try Tensor.conv2dOutputShape(input: [1, 1, 2, 2], weight: [1, 1, 5, 5], padding: 1) }
        #expect(large.hasPrefix("conv2d: kernel 5×5 is larger than the padded input 4×4"))
        let stride = message { try Tensor.conv2dOutputShape(input: [1, 1, 4, 4], weight: [1, 1, 3, 3], stride: 0) }
        #expect(stride.hasPrefix("conv2d: stride must be positive, got 0×0"))
        let padding = message {
            try Tensor.conv2dOutputShape(input: [1, 1, 4, 4], weight: [1, 1, 3, 3], padding: Size2D(height: 0, width: -1))
        }
        #expect(padding.hasPrefix("conv2d: padding must be non-negative, got 0×-1"))
        let kernel = message { try Tensor.conv2dOutputShape(input: [1, 1, 4, 4], weight: [1, 1, 0, 3]) }
        #expect(kernel.hasPrefix("conv2d: kernel size must be positive, got 0×3"))
        let bias = message { try Tensor.conv2dOutputShape(input: [1, 1, 4, 4], weight: [2, 1, 3, 3], bias: [3]) }
        #expect(bias.hasPrefix("conv2d: bias of shape [3] does not match the 2 output channels"))
        let transposeChannels = message {
            try Tensor.convTranspose2dOutputShape(input: [1, 3, 4, 4], weight: [2, 3, 3, 3])
        }
        #expect(transposeChannels.hasPrefix("convTranspose2d: input [1, 3, 4, 4] has 3 channels but weight [2, 3, 3, 3] expects 2"))
        let outputPadding = message {
            try Tensor.convTranspose2dOutputShape(input: [1, 2, 4, 4], weight: [2, 1, 4, 4], stride: 2, padding: 1,
                                                  outputPadding: 2)
        }
        #expect(outputPadding.hasPrefix("convTranspose2d: outputPadding must be in 0..<stride, got 2×2"))
        let empty = message { try Tensor.convTranspose2dOutputShape(input: [1, 1, 1, 1], weight: [1, 1, 2, 2], padding: 1) }
        #expect(empty.hasPrefix("convTranspose2d: output would be 0×0, not positive"))
    }
}

/// Tests that set the engine-wide `Engine.threads`: serialized, and the value restored.
@Suite(.serialized) struct ConvolutionThreadTests {
    /// Forward values and all gradients of conv2d, convTranspose2d and the pools, computed
    /// at a size where im2col, col2im, the GEMMs and the pools all split across threads.
    func convolutionResults(threads: Int) -> [[Float]] {
        let saved = Engine.threads
        Engine.threads = threads
        defer { Engine.threads = saved }
        let x = GradientCheck.tensor([4, 4, 16, 16], seed: 31).requiringGrad()
        let w = GradientCheck.tensor([8, 4, 3, 3], seed: 32).requiringGrad()
        let b = GradientCheck.tensor([8], seed: 33).requiringGrad()
        let wt = GradientCheck.tensor([8, 4, 4, 4], seed: 34).requiringGrad()
        let y = x.conv2d(weight: w, bias: b, stride: 1, padding: 1)
        let z = y.convTranspose2d(weight: wt, stride: 2, padding: 1)
        let pooled = z.maxPool2d(kernelSize: 3, stride: 2, padding: 1) + z.avgPool2d(kernelSize: 2).upsample2d(scaleFactor: 1)
        let loss = (pooled * GradientCheck.tensor(pooled.shape, seed: 35)).sum()
        let grads = gradients(of: loss, wrt: [x, w, b, wt])
        return [y.scalars, z.scalars, pooled.scalars] + grads.map(\.scalars)
    }

    @Test func resultsAreBitIdenticalAcrossThreadCounts() {
        let one = convolutionResults(threads: 1)
        let two = convolutionResults(threads: 2)
        #expect(one.count == two.count)
        for (i, (a, b)) in zip(one, two).enumerated() {
            // Exact by construction: every output element is computed in the same order.
            #expect(a == b, "result \(i) differs between 1 and 2 threads")
        }
    }
}
