extension ExperimentSpec {
    /// Range checks and incompatible combinations that need no file positions; each problem
    /// names a dotted key path. An empty result means the spec can be trained.
    public func validate() -> [SpecProblem] {
        var problems: [SpecProblem] = []
        func range(_ path: String, _ message: String) { problems.append(SpecProblem(path, message, kind: .outOfRange)) }
        func clash(_ path: String, _ message: String) { problems.append(SpecProblem(path, message, kind: .incompatible)) }
        func atLeast(_ path: String, _ value: Int, _ low: Int) {
            if value < low { range(path, "must be at least \(low), got \(value)") }
        }

        let nameCharacters = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
        if name.isEmpty || !nameCharacters || name.hasPrefix(".") {
            range("name", "must be letters, digits, '-', '_' or '.' (it names the run folder), got '\(name)'")
        }
        if seeds.isEmpty { range("seeds", "must list at least one seed") }
        data.validate(range)
        if conditional && !data.hasLabels { clash("conditional", "needs labelled data (mnist, mnist-5k, fashion-mnist), not \(data.kind.rawValue)") }

        atLeast("generator.noise_dim", generator.noiseDim, 1)
        atLeast("generator.width", generator.width, 1)
        atLeast("generator.depth", generator.depth, 1)
        atLeast("discriminator.width", discriminator.width, 1)
        atLeast("discriminator.depth", discriminator.depth, 1)
        if !(discriminator.leakySlope >= 0 && discriminator.leakySlope < 1) {
            range("discriminator.leaky_slope", "must be in [0, 1), got \(discriminator.leakySlope)")
        }
        if !(discriminator.dropout >= 0 && discriminator.dropout < 1) {
            range("discriminator.dropout", "must be in [0, 1), got \(discriminator.dropout)")
        }
        if generator.kind == .dcgan && !data.isImage { clash("generator.kind", "dcgan needs image data, not \(data.kind.rawValue)") }
        if discriminator.kind == .dcgan && !data.isImage { clash("discriminator.kind", "dcgan needs image data, not \(data.kind.rawValue)") }
        if discriminator.batchNorm && discriminator.layerNorm {
            clash("discriminator.layer_norm", "choose batch_norm or layer_norm, not both")
        }
        if discriminator.batchNorm && objective == .wganGP {
            clash("discriminator.batch_norm", "the gradient penalty is per sample and batch norm mixes samples; use layer_norm with wgan-gp (Gulrajani et al. 2017, §4)")
        }

        let s = stabilizers
        atLeast("stabilizers.minibatch_kernels", s.minibatchKernels, 1)
        atLeast("stabilizers.minibatch_kernel_dims", s.minibatchKernelDims, 1)
        if !(s.labelSmoothing >= 0 && s.labelSmoothing < 0.5) {
            range("stabilizers.label_smoothing", "must be in [0, 0.5), got \(s.labelSmoothing)")
        } else if s.labelSmoothing > 0 && !objective.usesLabels {
            clash("stabilizers.label_smoothing", "smooths 0/1 labels, which \(objective.rawValue) does not use")
        }
        if !(s.instanceNoise >= 0) { range("stabilizers.instance_noise", "must be at least 0, got \(s.instanceNoise)") }
        atLeast("stabilizers.unrolled_steps", s.unrolledSteps, 0)
        if s.unrolledSecondOrder && s.unrolledSteps == 0 {
            clash("stabilizers.unrolled_second_order", "needs unrolled_steps > 0")
        }
        if s.pack < 1 {
            range("stabilizers.pack", "must be at least 1, got \(s.pack)")
        } else if batchSize >= 1 && batchSize % s.pack != 0 {
            range("stabilizers.pack", "must divide batch_size (\(batchSize)), got \(s.pack)")
        }
        if !(s.r1 >= 0) { range("stabilizers.r1", "must be at least 0, got \(s.r1)") }
        if let lambda = s.gradientPenalty {
            if !(lambda > 0) { range("stabilizers.gradient_penalty", "must be greater than 0, got \(lambda)") }
            if objective != .wganGP { clash("stabilizers.gradient_penalty", "applies only to objective wgan-gp (objective is \(objective.rawValue)); remove it or set it to null") }
        } else if objective == .wganGP {
            clash("stabilizers.gradient_penalty", "wgan-gp needs a gradient penalty weight (default 10)")
        }
        if let clip = s.weightClip {
            if !(clip > 0) { range("stabilizers.weight_clip", "must be greater than 0, got \(clip)") }
            if objective != .wgan { clash("stabilizers.weight_clip", "applies only to objective wgan (objective is \(objective.rawValue)); remove it or set it to null") }
        } else if objective == .wgan {
            clash("stabilizers.weight_clip", "wgan needs a clipping bound (default 0.01)")
        }

        generatorOptimizer.validate(at: "optimizer.generator", range)
        discriminatorOptimizer.validate(at: "optimizer.discriminator", range)

        atLeast("batch_size", batchSize, 1)
        atLeast("steps", steps, 1)
        atLeast("n_critic", nCritic, 1)
        atLeast("eval_every", evalEvery, 1)
        atLeast("eval_samples", evalSamples, 1)
        atLeast("snapshot_every", snapshotEvery, 1)
        atLeast("checkpoint_every", checkpointEvery, 1)
        for (index, metric) in metrics.enumerated() where !metric.applies(to: data) {
            clash("metrics.\(index)", "\(metric.rawValue) does not apply to \(data.kind.rawValue) data")
        }
        for (index, chart) in charts.enumerated() {
            if chart == .surface && data.isImage { clash("charts.\(index)", "surface needs 2-D data, not \(data.kind.rawValue)") }
            if chart == .modes && !data.hasModes {
                let hint = data.hasLabels ? " (for classes of images use the classes or evaluation chart)" : ""
                clash("charts.\(index)", "modes needs data with modes, not \(data.kind.rawValue)\(hint)")
            }
            if chart == .classes && !data.hasLabels {
                let hint = data == .stackedMNIST ? " (Stacked MNIST's 1,000 modes are charted by modes and evaluation)" : ""
                clash("charts.\(index)", "classes needs labelled image data (mnist, mnist-5k, fashion-mnist), not \(data.kind.rawValue)\(hint)")
            }
            if chart == .conditional && !conditional { clash("charts.\(index)", "conditional needs a conditional GAN (conditional: true)") }
            if chart == .evaluation && !data.isImage { clash("charts.\(index)", "evaluation needs image data, not \(data.kind.rawValue) (the modes chart plots the toy metrics)") }
        }
        atLeast("quick.steps", quick.steps, 1)
        atLeast("quick.eval_samples", quick.evalSamples, 1)
        return problems
    }
}
