import MinimaxNN
import MinimaxTensor
import Testing

@Suite struct ModuleTests {
    final class TwoLayer: Module, UnaryLayer {
        let body = Sequential {
            Linear(2, 4)
            LeakyReLU(0.2)
            Linear(4, 1)
        }
        let scale = Parameter(Tensor(1))
        func callAsFunction(_ input: Tensor) -> Tensor { body(input) * scale.value }
    }

    @Test func parametersAreFoundByReflectionWithDottedNames() {
        let model = TwoLayer()
        #expect(model.namedParameters().map(\.name) == ["scale", "body.layers.0.weight", "body.layers.0.bias",
                                                         "body.layers.2.weight", "body.layers.2.bias"])
        // 2·4 + 4 + 4·1 + 1 + 1
        #expect(model.parameterCount == 18)
    }

    @Test func initializationIsSeededPerParameter() {
        let a = TwoLayer(), b = TwoLayer()
        a.initialize(seed: 3)
        b.initialize(seed: 3)
        #expect(a.parameters().map(\.value.scalars) == b.parameters().map(\.value.scalars))
        b.initialize(seed: 4)
        #expect(a.parameters()[1].value.scalars != b.parameters()[1].value.scalars)
        // PyTorch's Linear default: U(−1/√in, 1/√in); in = 2 for the first layer.
        #expect(a.parameters()[1].value.scalars.allSatisfy { abs($0) <= 1 / Float(2).squareRoot() })
    }

    @Test func modesAndGradientResetReachEverySublayer() {
        let model = TwoLayer()
        model(Tensor(shape: [3, 2], scalars: [1, -2, 0.5, 3, -1, 2])).sum().backward()
        #expect(model.parameters().allSatisfy { $0.grad != nil })
        model.zeroGradients()
        #expect(model.parameters().allSatisfy { $0.grad == nil })   // PyTorch's zero_grad(set_to_none=True)
        model.eval()
        #expect(!model.isTraining && !model.body.isTraining && model.body.layers.allSatisfy { !$0.isTraining })
        model.train()
        #expect(model.isTraining && model.body.isTraining && model.body.layers.allSatisfy { $0.isTraining })
    }

    @Test func adamMatchesTheClosedFormFirstStep() {
        // After one Adam step, m̂ = g and v̂ = g², so θ moves by lr·g/(|g| + eps) ≈ lr·sign(g).
        let p = Parameter(Tensor([1, -2, 3]))
        let loss = (p.value * Tensor([2, -1, 0.5])).sum()
        loss.backward()
        let adam = Adam([p], learningRate: 0.1)
        adam.step()
        let expected: [Float] = [0.9, -1.9, 2.9]
        for (x, e) in zip(p.value.scalars, expected) { #expect(abs(x - e) < 1e-6) }
    }
}
