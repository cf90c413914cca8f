/// One GAN experiment, fully typed, with every default in one place.
///
/// Specs are written as YAML (`Experiments/*.yaml`, snake_case keys) holding only what differs
/// from these defaults; the notebook parses the YAML into a `SpecValue` and calls
/// `ExperimentSpec(from:)`, then `validate()`. `specValue`/`canonicalYAML` write every field
/// back out, which is the run folder's resolved `spec.yaml`.
public struct ExperimentSpec: Equatable, Sendable {
    /// Name of the experiment (default: the file name without `.yaml`); not part of `specHash`.
    public var name: String
    /// One line for people; not part of `specHash`.
    public var description: String
    /// Seeds to run (`seed: 3`, `seeds: [0, 1, 2]` or `seeds: 0-4`); not part of `specHash`.
    public var seeds: [UInt64]
    public var data: DataSpec
    /// Condition both networks on the class label (cGAN, Mirza & Osindero 2014); labelled data only.
    public var conditional: Bool
    public var generator: GeneratorSpec
    public var discriminator: DiscriminatorSpec
    public var objective: Objective
    public var stabilizers: StabilizerSpec
    public var generatorOptimizer: OptimizerSpec
    public var discriminatorOptimizer: OptimizerSpec
    public var batchSize: Int
    /// Generator steps; each is preceded by `nCritic` discriminator steps.
    public var steps: Int
    public var nCritic: Int
    public var evalEvery: Int
    public var evalSamples: Int
    public var snapshotEvery: Int
    public var checkpointEvery: Int
    public var metrics: [MetricKind]
    public var charts: [ChartKind]
    public var quick: QuickSpec

    /// The defaults: a vanilla (non-saturating) GAN on the 8-Gaussian ring.
    public init(name: String = "experiment") {
        self.name = name
        description = ""
        seeds = [0]
        data = .ring(modes: 8, radius: 2, std: 0.02)
        conditional = false
        generator = GeneratorSpec()
        discriminator = DiscriminatorSpec()
        objective = .nonSaturating
        stabilizers = StabilizerSpec(objective: .nonSaturating)
        generatorOptimizer = .ganDefault
        discriminatorOptimizer = .ganDefault
        batchSize = 256
        steps = 2000
        nCritic = 1
        evalEvery = 100
        evalSamples = 2500
        snapshotEvery = 500
        checkpointEvery = 500
        metrics = [.modes, .highQuality, .reverseKL, .js, .energy]
        charts = [.samples, .evolution, .losses, .gradients, .modes, .surface]
        quick = QuickSpec(fullSteps: steps, fullEvalSamples: evalSamples)
    }

    /// The top-level keys, in the order `specValue` writes them.
    public static let topLevelKeys = [
        "name", "description", "seeds", "data", "conditional", "generator", "discriminator", "objective",
        "stabilizers", "optimizer", "batch_size", "steps", "n_critic", "eval_every", "eval_samples",
        "snapshot_every", "checkpoint_every", "metrics", "charts", "quick",
    ]

    /// Decodes a spec, reporting every unknown key (with a suggestion) and wrong type at once.
    /// `defaultName` is used when the spec has no `name:`. An `extends:` key is accepted and
    /// ignored: the notebook resolves it before decoding.
    public init(from value: SpecValue, defaultName: String) throws {
        let log = SpecProblemLog()
        let root = SpecReader(value, path: "", problems: log)
        self.init(name: root.string("name", default: defaultName))
        _ = root.raw("extends")
        description = root.string("description", default: "")
        let single = root.seeds("seed")
        let list = root.seeds("seeds")
        if single != nil && list != nil { root.problem("seeds", "set either seed or seeds, not both", .incompatible) }
        seeds = list ?? single ?? [0]
        data = DataSpec.read(root.child("data"))
        conditional = root.bool("conditional", default: false)
        generator = GeneratorSpec.read(root.child("generator"))
        discriminator = DiscriminatorSpec.read(root.child("discriminator"))
        objective = root.enumeration("objective", default: Objective.nonSaturating)
        stabilizers = StabilizerSpec.read(root.child("stabilizers"), objective: objective)
        let optimizer = root.child("optimizer")
        generatorOptimizer = OptimizerSpec.read(optimizer.child("generator"))
        discriminatorOptimizer = OptimizerSpec.read(optimizer.child("discriminator"))
        optimizer.finish()
        batchSize = root.int("batch_size", default: batchSize)
        steps = root.int("steps", default: steps)
        nCritic = root.int("n_critic", default: objective.isWasserstein ? 5 : 1)
        evalEvery = root.int("eval_every", default: evalEvery)
        evalSamples = root.int("eval_samples", default: evalSamples)
        snapshotEvery = root.int("snapshot_every", default: snapshotEvery)
        checkpointEvery = root.int("checkpoint_every", default: checkpointEvery)
        let defaultMetrics: [MetricKind] = MetricKind.allCases.filter { $0.applies(to: data) && $0 != .classCoverage || (data.hasLabels && $0 == .classCoverage) }
        metrics = root.enumerations("metrics", default: defaultMetrics)
        var defaultCharts: [ChartKind] = [.samples, .evolution, .losses, .gradients]
        if data.isImage {
            if data.hasLabels { defaultCharts.append(.classes) }
            if conditional { defaultCharts.append(.conditional) }
            if data.hasModes { defaultCharts.append(.modes) }
            defaultCharts.append(.evaluation)
        } else {
            defaultCharts += [.modes, .surface]
        }
        charts = root.enumerations("charts", default: defaultCharts)
        quick = QuickSpec.read(root.child("quick"), fullSteps: steps, fullEvalSamples: evalSamples)
        root.finish()
        if !log.problems.isEmpty { throw SpecProblems(log.problems) }
    }

    /// Every field, defaults included, in the canonical key order (the resolved `spec.yaml`).
    public var specValue: SpecValue {
        .mapping([
            SpecEntry("name", .string(name)),
            SpecEntry("description", .string(description)),
            SpecEntry("seeds", .sequence(seeds.map { .int(Int(clamping: $0)) })),
            SpecEntry("data", data.specValue),
            SpecEntry("conditional", .bool(conditional)),
            SpecEntry("generator", generator.specValue),
            SpecEntry("discriminator", discriminator.specValue),
            SpecEntry("objective", .string(objective.rawValue)),
            SpecEntry("stabilizers", stabilizers.specValue),
            SpecEntry("optimizer", .mapping([
                SpecEntry("generator", generatorOptimizer.specValue),
                SpecEntry("discriminator", discriminatorOptimizer.specValue),
            ])),
            SpecEntry("batch_size", .int(batchSize)),
            SpecEntry("steps", .int(steps)),
            SpecEntry("n_critic", .int(nCritic)),
            SpecEntry("eval_every", .int(evalEvery)),
            SpecEntry("eval_samples", .int(evalSamples)),
            SpecEntry("snapshot_every", .int(snapshotEvery)),
            SpecEntry("checkpoint_every", .int(checkpointEvery)),
            SpecEntry("metrics", .sequence(metrics.map { .string($0.rawValue) })),
            SpecEntry("charts", .sequence(charts.map { .string($0.rawValue) })),
            SpecEntry("quick", quick.specValue),
        ])
    }

    /// The resolved spec as canonical YAML (see `SpecYAMLWriter`).
    public var canonicalYAML: String { SpecYAMLWriter.yaml(specValue) }

    /// The spec a `--quick` run trains: `quick.steps` and `quick.evalSamples`, with the
    /// evaluation, snapshot and checkpoint intervals scaled as `QuickSpec` documents.
    public func quickened() -> ExperimentSpec {
        var result = self
        let ratio = Double(quick.steps) / Double(max(steps, 1))
        func scaled(_ every: Int) -> Int { max(1, Int((Double(every) * ratio).rounded(.up))) }
        result.steps = quick.steps
        result.evalSamples = quick.evalSamples
        result.evalEvery = scaled(evalEvery)
        result.snapshotEvery = scaled(snapshotEvery)
        result.checkpointEvery = scaled(checkpointEvery)
        return result
    }
}
