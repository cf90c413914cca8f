import MinimaxGAN
import Testing

@Suite struct SpecValidationTests {
    @Test func rangesAreChecked() {
        var spec = ExperimentSpec()
        spec.steps = 0
        spec.data = .ring(modes: 0, radius: 2, std: -1)
        spec.generatorOptimizer = .adam(lr: 0, betas: [0.5, 1.2], eps: 1e-8, weightDecay: 0, amsgrad: false)
        #expect(spec.validate().map(\.description) == [
            "data.modes: must be at least 1, got 0",
            "data.std: must be greater than 0, got -1.0",
            "optimizer.generator.lr: must be greater than 0, got 0.0",
            "optimizer.generator.betas.1: must be in [0, 1), got 1.2",
            "steps: must be at least 1, got 0",
        ])
    }

    @Test func packMustDivideBatchSize() {
        var spec = ExperimentSpec()
        spec.stabilizers.pack = 3
        #expect(spec.validate() == [SpecProblem("stabilizers.pack", "must divide batch_size (256), got 3", kind: .outOfRange)])
        spec.stabilizers.pack = 4
        #expect(spec.validate().isEmpty)
    }

    @Test func incompatibleCombinationsAreNamed() {
        var spec = ExperimentSpec()
        spec.objective = .wganGP
        spec.stabilizers = StabilizerSpec(objective: .wganGP)
        spec.discriminator.batchNorm = true
        spec.stabilizers.weightClip = 0.01
        spec.stabilizers.labelSmoothing = 0.1
        #expect(spec.validate().map(\.keyPath) == [
            "discriminator.batch_norm", "stabilizers.label_smoothing", "stabilizers.weight_clip",
        ])
    }

    @Test func imageOnlySettingsRejectToyData() {
        var spec = ExperimentSpec()
        spec.generator.kind = .dcgan
        spec.conditional = true
        spec.metrics = [.frechet]
        #expect(spec.validate().map(\.keyPath) == ["conditional", "generator.kind", "metrics.0"])
    }

    @Test func imageChartsNeedTheirKindOfData() {
        var spec = ExperimentSpec()
        spec.charts = [.classes, .conditional, .evaluation]
        // The toy ring has no classes, no cGAN and no classifier metrics.
        #expect(spec.validate().map(\.keyPath) == ["charts.0", "charts.1", "charts.2"])
        spec.data = .stackedMNIST
        spec.metrics = [.modes]
        let problems = spec.validate()
        // Stacked MNIST has 1,000 modes and no labels to condition on, but the evaluation chart applies.
        #expect(problems.map(\.keyPath) == ["charts.0", "charts.1"])
        #expect(problems.first?.description.contains("charted by modes and evaluation") == true)
        spec.data = .mnist5k
        spec.metrics = [.classCoverage]
        spec.conditional = true
        #expect(spec.validate().isEmpty)
    }

    @Test func fashionClassNamesFollowTheDatasetPaper() {
        #expect(DataSpec.fashionMNIST.classNames.count == 10)
        #expect(DataSpec.fashionMNIST.classNames[9] == "Ankle boot")
        #expect(DataSpec.mnist.classNames == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
        #expect(DataSpec.stackedMNIST.classNames.isEmpty)
    }
}
