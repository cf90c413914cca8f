import MinimaxGAN
import MinimaxNN
import MinimaxTensor
import Testing

@Suite struct ImageNetworksTests {
    /// Copies `source`'s parameters and buffers into `target` in declaration order (the two
    /// models name them differently but have the same layers).
    func copyState(from source: Module, to target: Module) throws {
        let from = source.namedParameters(), to = target.namedParameters()
        try #require(from.count == to.count)
        for (a, b) in zip(from, to) {
            try #require(a.parameter.shape == b.parameter.shape)
            b.parameter.assign(a.parameter.value.scalars)
        }
        let fromBuffers = source.namedBuffers(), toBuffers = target.namedBuffers()
        try #require(fromBuffers.count == toBuffers.count)
        for (a, b) in zip(fromBuffers, toBuffers) { b.buffer.value = a.buffer.value }
    }

    /// Same weights, same input → the same output as the dcgan-mnist reference networks
    /// (train mode, batch norm on batch statistics). Tolerance 1e-6 absolute: identical op sequence.
    @Test func dcganMatchesReferenceModels() throws {
        let generator = ImageGenerator(spec: GeneratorSpec(kind: .dcgan, noiseDim: 8, width: 4), channels: 1, classCount: nil)
        let referenceGenerator = ReferenceModels.dcganMNISTGenerator(noiseDimension: 8, width: 4)
        referenceGenerator.initialize(seed: 11)
        try copyState(from: referenceGenerator, to: generator)
        var stream = RandomStream(seed: 1, name: "test/noise")
        let z = Tensor(shape: [6, 8], scalars: stream.normalArray(count: 48))
        let images = generator(z)
        #expect(images.shape == [6, 1, 28, 28])
        let expected = referenceGenerator(z)
        #expect(zip(images.scalars, expected.scalars).allSatisfy { abs($0 - $1) <= 1e-6 })

        let discriminator = ImageDiscriminator(spec: DiscriminatorSpec(kind: .dcgan, width: 4, batchNorm: true),
                                               stabilizers: StabilizerSpec(objective: .nonSaturating), channels: 1, classCount: nil) { _ in
            RandomStream(seed: 0, name: "unused")
        }
        let referenceDiscriminator = ReferenceModels.dcganMNISTDiscriminator(width: 4)
        referenceDiscriminator.initialize(seed: 12)
        try copyState(from: referenceDiscriminator, to: discriminator)
        let scores = discriminator(expected.detached())
        let expectedScores = referenceDiscriminator(expected.detached())
        #expect(scores.shape == [6, 1])
        #expect(zip(scores.scalars, expectedScores.scalars).allSatisfy { abs($0 - $1) <= 1e-5 })
    }

    /// G(z, y) sees y only through its embedding row: giving label 3 the embedding of label 5
    /// makes G(z, 3) = G(z, 5), while other labels still differ.
    @Test func conditionalGeneratorRoutesLabelsThroughEmbedding() throws {
        let generator = ImageGenerator(spec: GeneratorSpec(kind: .dcgan, noiseDim: 4, width: 4), channels: 1, classCount: 10)
        generator.initialize(seed: 3)
        generator.eval()
        let embedding = try #require(generator.labelEmbedding)
        var rows = embedding.weight.value.scalars
        for j in 0..<10 { rows[3 * 10 + j] = rows[5 * 10 + j] }
        embedding.weight.assign(rows)
        var stream = RandomStream(seed: 2, name: "test/noise")
        let z = Tensor(shape: [1, 4], scalars: stream.normalArray(count: 4))
        let three = generator(z, labels: [3]).scalars, five = generator(z, labels: [5]).scalars, seven = generator(z, labels: [7]).scalars
        #expect(three == five)  // exact: the same input row reaches the same ops
        #expect(three != seven)
    }

    /// Projection discriminator: D(x, y) − D(x, y′) = ⟨V_y − V_y′, φ(x)⟩ (Miyato & Koyama 2018, eq. 3).
    @Test func projectionDiscriminatorAddsLabelInnerProduct() throws {
        let discriminator = ImageDiscriminator(spec: DiscriminatorSpec(kind: .dcgan, width: 2), stabilizers: StabilizerSpec(objective: .hinge),
                                               channels: 1, classCount: 10) { _ in RandomStream(seed: 0, name: "unused") }
        discriminator.initialize(seed: 5)
        let projection = try #require(discriminator.projection)
        var stream = RandomStream(seed: 4, name: "test/images")
        let x = Tensor(shape: [2, 1, 28, 28], scalars: stream.uniformArray(count: 2 * 784, low: -1, high: 1))
        let phi = discriminator.features(x).scalars
        let scoresA = discriminator(x, labels: [1, 2]).scalars, scoresB = discriminator(x, labels: [6, 2]).scalars
        let v = projection.weight.value.scalars, n = projection.featureCount
        var expected = 0.0
        for j in 0..<n { expected += Double(v[1 * n + j] - v[6 * n + j]) * Double(phi[j]) }
        // Float32 sums over 98 features: 1e-4 relative + 1e-5 absolute.
        #expect(abs(Double(scoresA[0] - scoresB[0]) - expected) <= 1e-4 * abs(expected) + 1e-5)
        #expect(abs(scoresA[1] - scoresB[1]) <= 1e-6)
    }
}
