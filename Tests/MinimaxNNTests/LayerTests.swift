import Foundation
import MinimaxNN
import MinimaxTensor
import MinimaxTestSupport
import Testing

@Suite struct LayerTests {
    /// `Sequential` runs a Linear followed by ReLU or LeakyReLU (slope ≥ 0) as one fused op:
    /// outputs and parameter gradients bit for bit those of the layers one by one; a negative
    /// slope and a Linear followed by something else run unfused.
    @Test func sequentialFusesLinearActivationPairsWithoutChangingABit() {
        let model = Sequential {
            Linear(5, 40); LeakyReLU(0.2)
            Linear(40, 33); ReLU()
            Linear(33, 8); LeakyReLU(-0.5)
            Linear(8, 4); Tanh()
            Linear(4, 2)
        }
        let x = GradientCheck.tensor([64, 5], seed: 3)
        let fused = model(x)
        let stepwise = model.layers.reduce(x) { input, layer in layer(input) }
        #expect(fused.scalars.map(\.bitPattern) == stepwise.scalars.map(\.bitPattern))
        let parameters = model.parameters().map(\.value)
        let gf = gradients(of: (model(x) * fused).sum(), wrt: parameters)
        let gs = gradients(of: (model.layers.reduce(x) { input, layer in layer(input) } * fused).sum(), wrt: parameters)
        #expect(gf.map { $0.scalars.map(\.bitPattern) } == gs.map { $0.scalars.map(\.bitPattern) })
        #expect(gf.count == 10 && gf.allSatisfy { $0.scalars.contains { $0 != 0 } })
    }

    @Test func batchNormUsesBiasedBatchVarianceAndUpdatesRunningStatisticsUnbiased() {
        let layer = BatchNorm1d(1)
        let y = layer(Tensor(shape: [4, 1], scalars: [1, 2, 3, 6]))
        // mean 3, biased variance (4+1+0+9)/4 = 3.5, unbiased 14/3.
        let expected: [Float] = [-2, -1, 0, 3].map { $0 / (3.5 + 1e-5).squareRoot() }
        for (a, e) in zip(y.scalars, expected) { #expect(abs(a - e) < 1e-6) }
        #expect(abs(layer.runningMean.value.scalars[0] - 0.3) < 1e-6)              // 0.9·0 + 0.1·3
        #expect(abs(layer.runningVar.value.scalars[0] - (0.9 + 0.1 * 14 / 3)) < 1e-6)  // 0.9·1 + 0.1·14/3
        #expect(layer.numBatchesTracked.value.item == 1)
        layer.eval()
        let z = layer(Tensor(shape: [1, 1], scalars: [3]))
        // Evaluation mode: (3 − 0.3)/√(1.36667 + 1e-5), and the running statistics stay put.
        #expect(abs(z.item - 2.7 / (0.9 + 0.1 * 14 / 3 + 1e-5).squareRoot()) < 1e-5)
        #expect(layer.numBatchesTracked.value.item == 1)
    }

    @Test func layerNormNormalisesEachSample() {
        let y = LayerNorm(4)(Tensor(shape: [2, 4], scalars: [1, 2, 3, 4, 10, 10, 10, 14]))
        for row in 0..<2 {
            let values = Array(y.scalars[(row * 4)..<(row * 4 + 4)])
            let mean = values.reduce(0, +) / 4
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
            #expect(abs(mean) < 1e-6)
            #expect(abs(variance - 1) < 1e-3)   // Var/(Var + eps) ≈ 1
        }
    }

    @Test func dropoutKeepsTheExpectationAndIsTheIdentityInEvaluation() {
        let layer = Dropout(0.25, stream: RandomStream(seed: 1, name: "dropout"))
        let y = layer(.ones([10_000]))
        let zeros = y.scalars.filter { $0 == 0 }.count
        // Binomial(10000, 0.25): sd ≈ 43, so ±250 is ~6 sd.
        #expect(abs(zeros - 2500) < 250)
        #expect(y.scalars.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3.0) < 1e-6 })
        layer.eval()
        #expect(layer(.ones([5])).scalars == [1, 1, 1, 1, 1])
    }

    @Test func embeddingLooksUpRows() {
        let layer = Embedding(3, 2)
        layer.weight.assign([0, 1, 10, 11, 20, 21])
        #expect(layer([2, 0]).scalars == [20, 21, 0, 1])
        let y = layer(Tensor(shape: [2, 1], scalars: [1, 2]))
        #expect(y.shape == [2, 1, 2])
        #expect(y.scalars == [10, 11, 20, 21])
    }

    @Test func maxoutTakesTheMaximumOfConsecutivePieces() {
        let layer = Maxout(1, 2, pieces: 2)
        layer.linear.weight.assign([1, -1, 2, 3])
        layer.linear.bias?.assign([0, 0, 0, 0])
        // x = 2: pieces (2, −2) → 2 and (4, 6) → 6.
        #expect(layer(Tensor(shape: [1, 1], scalars: [2])).scalars == [2, 6])
    }

    @Test func minibatchDiscriminationMatchesTheFormula() {
        let layer = MinibatchDiscrimination(inputFeatures: 1, kernels: 1, kernelDimension: 2)
        layer.weight.assign([1, 2])
        // M = [[0, 0], [1, 2], [3, 6]]; L1 distances 3 (0↔1), 9 (0↔2), 6 (1↔2); self-pairs excluded.
        let y = layer(Tensor(shape: [3, 1], scalars: [0, 1, 3]))
        let expected: [Float] = [0, Foundation.exp(-3) + Foundation.exp(-9), 1, Foundation.exp(-3) + Foundation.exp(-6),
                                 3, Foundation.exp(-9) + Foundation.exp(-6)]
        #expect(y.shape == [3, 2])
        for (a, e) in zip(y.scalars, expected) { #expect(abs(a - e) < 1e-6) }
    }

    @Test func minibatchStdDevAppendsTheMeanStandardDeviation() {
        // Feature 0 over the batch: {0, 2} → std 1; feature 1: {1, 1} → std 0 (√1e-8 = 1e-4). Mean ≈ 0.50005.
        let y = MinibatchStdDev()(Tensor(shape: [2, 2], scalars: [0, 1, 2, 1]))
        #expect(y.shape == [2, 3])
        #expect(abs(y.scalars[2] - 0.50005) < 1e-6 && y.scalars[5] == y.scalars[2])
        let images = MinibatchStdDev()(GradientCheck.tensor([3, 2, 4, 4], seed: 1))
        #expect(images.shape == [3, 3, 4, 4])
    }

    @Test func spectralNormConvergesToTheLargestSingularValue() {
        let linear = Linear(3, 2, bias: false)
        // Singular values 3 and 1 (rows orthogonal with norms 3 and 1).
        linear.weight.assign([3, 0, 0, 0, 1, 0])
        let layer = SpectralNorm(linear)
        for _ in 0..<30 { layer(.zeros([1, 3])) }
        #expect(abs(layer.sigma().item - 3) < 1e-4)
        let y = layer(Tensor(shape: [1, 3], scalars: [1, 1, 1]))
        #expect(abs(y.scalars[0] - 1) < 1e-4 && abs(y.scalars[1] - 1.0 / 3) < 1e-4)
        // Evaluation mode reuses u and v.
        layer.eval()
        let u = layer.u.value.scalars
        linear.weight.assign([1, 0, 0, 0, 5, 0])
        _ = layer(.zeros([1, 3]))
        #expect(layer.u.value.scalars == u)
    }

    @Test func convolutionLayersHavePyTorchShapes() {
        let conv = Conv2d(1, 4, kernelSize: 4, stride: 2, padding: 1)
        #expect(conv(.zeros([2, 1, 28, 28])).shape == [2, 4, 14, 14])
        #expect(conv.weight.shape == [4, 1, 4, 4])
        let deconv = ConvTranspose2d(4, 2, kernelSize: 4, stride: 2, padding: 1)
        #expect(deconv(.zeros([2, 4, 7, 7])).shape == [2, 2, 14, 14])
        #expect(deconv.weight.shape == [4, 2, 4, 4])
        // PyTorch's default bounds: 1/√(1·4·4) for Conv2d, 1/√(2·4·4) for ConvTranspose2d (fan-in from dim 1).
        #expect(conv.weight.value.scalars.allSatisfy { abs($0) <= 0.25 })
        #expect(deconv.weight.value.scalars.allSatisfy { abs($0) <= 1 / Float(32).squareRoot() })
        #expect(deconv.weight.value.scalars.contains { abs($0) > 0.13 })   // beyond 1/√(4·4·4), a dim-0 fan-in
    }
}
