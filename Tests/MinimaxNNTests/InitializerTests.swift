import MinimaxNN
import MinimaxTensor
import Testing

@Suite struct InitializerTests {
    private func moments(_ values: [Float]) -> (mean: Double, std: Double) {
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)
        return (mean, variance.squareRoot())
    }

    @Test func schemesHaveTheirStatedStandardDeviations() {
        // A 200×300 weight: 60,000 draws, so the sample std is within ~0.5% of the target.
        let cases: [(Initializer, Double)] = [
            (.dcgan, 0.02),
            (.xavierNormal(), (2.0 / 500).squareRoot()),
            (.xavierUniform(gain: 2), 2 * (2.0 / 500).squareRoot()),            // uniform: bound √3·std
            (.kaimingNormal(), (2.0 / 300).squareRoot()),
            (.kaimingUniform(negativeSlope: 0.2, mode: .fanOut), (2.0 / 1.04 / 200).squareRoot()),
            (.orthogonal(), (1.0 / 300).squareRoot()),                         // 200 orthonormal rows of length 300
        ]
        for (scheme, std) in cases {
            let model = Linear(300, 200)
            model.initialize(seed: 1, scheme: scheme)
            let (m, s) = moments(model.weight.value.scalars)
            #expect(abs(m) < 0.02 * std && abs(s - std) < 0.02 * std, "\(scheme): mean \(m), std \(s), expected \(std)")
            #expect(model.bias?.value.scalars.allSatisfy { $0 == 0 } == true, "\(scheme) sets biases to 0")
        }
    }

    @Test func orthogonalRowsAreOrthonormal() {
        var stream = RandomStream(seed: 3, name: "orthogonal")
        for (rows, columns) in [(3, 5), (5, 3)] {
            let q = Initializer.orthogonal(rows: rows, columns: columns, gain: 1, stream: &stream)
            // QᵀQ = I for tall Q, QQᵀ = I for wide Q.
            let small = min(rows, columns)
            for a in 0..<small {
                for b in 0..<small {
                    var dot: Float = 0
                    for k in 0..<max(rows, columns) {
                        dot += rows >= columns ? q[k * columns + a] * q[k * columns + b] : q[a * columns + k] * q[b * columns + k]
                    }
                    #expect(abs(dot - (a == b ? 1 : 0)) < 1e-5)
                }
            }
        }
    }

    @Test func dcganSchemeInitialisesBatchNormScaleNearOne() {
        let model = Sequential { Linear(4, 500); BatchNorm1d(500) }
        model.initialize(seed: 2, scheme: .dcgan)
        let bn = model.layers[1] as? BatchNorm1d
        let (m, s) = moments(bn?.weight?.value.scalars ?? [])
        #expect(abs(m - 1) < 0.005 && abs(s - 0.02) < 0.004)
        #expect(bn?.bias?.value.scalars.allSatisfy { $0 == 0 } == true)
    }

    @Test func eachParameterDrawsFromItsOwnNamedStream() {
        // Adding layers never shifts another parameter's values under any scheme.
        for scheme in [Initializer.pytorchDefault, .dcgan, .xavierUniform(), .orthogonal()] {
            let small = Sequential { Linear(4, 3); ReLU(); Linear(3, 2) }
            let large = Sequential { Linear(4, 3); ReLU(); Linear(3, 2); ReLU(); Linear(2, 5); BatchNorm1d(5) }
            small.initialize(seed: 9, scheme: scheme)
            large.initialize(seed: 9, scheme: scheme)
            let largeState = large.stateDict()
            for (name, value) in small.stateDict() {
                #expect(largeState[name]?.scalars == value.scalars, "\(scheme): \(name) changed")
            }
        }
        // The values are a function of (seed, dotted name) alone: DCGAN's N(0, 0.02²) weight of
        // "layers.2" is the first six normal draws of the stream "init.layers.2.weight".
        let model = Sequential { Linear(4, 3); ReLU(); Linear(3, 2) }
        model.initialize(seed: 9, scheme: .dcgan)
        var stream = RandomStream(seed: 9, name: "init.layers.2.weight")
        #expect(model.namedParameters()[2].name == "layers.2.weight")
        #expect(model.namedParameters()[2].parameter.value.scalars == stream.normalArray(count: 6, std: 0.02))
    }

    @Test func defaultSchemeIsSeededAndFollowsPyTorchBounds() {
        let a = Sequential { Linear(16, 8); Embedding(4, 3) }, b = Sequential { Linear(16, 8); Embedding(4, 3) }
        a.initialize(seed: 5, scheme: .pytorchDefault)
        b.initialize(seed: 5)
        #expect(a.stateDict().mapValues(\.scalars) == b.stateDict().mapValues(\.scalars))
        #expect(a.parameters()[0].value.scalars.allSatisfy { abs($0) <= 0.25 })   // 1/√16
    }
}
