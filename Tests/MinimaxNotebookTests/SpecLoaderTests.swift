import Foundation
import MinimaxGAN
import MinimaxNotebook
import Testing

@Suite struct SpecLoaderTests {
    private func loadError(_ files: [String: String], load: String = "a", overrides: [String] = []) throws -> String {
        let project = try TestProject()
        defer { project.remove() }
        for (path, text) in files { try project.write(path, text) }
        let notebook = project.notebook(FakeExecutor())
        do {
            _ = try notebook.loadSpec(path: load, overrides: try overrides.map(SpecOverride.init(parsing:)))
            return "no error"
        } catch let error as NotebookError {
            return error.description
        }
    }

    @Test func typoedKeyGetsDidYouMeanAtTheKeyPosition() throws {
        let message = try loadError(["Experiments/a.yaml": "steps: 100\nstabilizers:\n  spectal_norm: true\n"])
        #expect(message == "Experiments/a.yaml:3:3: stabilizers.spectal_norm: unknown key; did you mean 'spectral_norm'?")
    }

    @Test func wrongTypePointsAtTheValue() throws {
        let message = try loadError(["Experiments/a.yaml": "data: {kind: ring}\nsteps: lots\n"])
        #expect(message == "Experiments/a.yaml:2:8: steps: expected an integer, got a string 'lots'")
    }

    @Test func outOfRangeValueNamesKeyAndLimit() throws {
        let message = try loadError(["Experiments/a.yaml": "batch_size: 256\nstabilizers: {pack: 3}\n"])
        #expect(message == "Experiments/a.yaml:2:21: stabilizers.pack: must divide batch_size (256), got 3")
    }

    @Test func inheritedKeyPointsAtTheFileThatSetIt() throws {
        let message = try loadError([
            "Experiments/base.yaml": "discriminator:\n  batch_norm: true\n",
            "Experiments/a.yaml": "extends: base\nobjective: wgan-gp\n",
        ])
        #expect(message.hasPrefix("Experiments/base.yaml:2:15: discriminator.batch_norm: the gradient penalty is per sample"))
    }

    @Test func missingExtendsTargetIsNamed() throws {
        let message = try loadError(["Experiments/a.yaml": "extends: ring8-vanila\n", "Experiments/ring8-vanilla.yaml": "steps: 10\n"])
        #expect(message == "Experiments/a.yaml:1:10: no spec 'ring8-vanila': looked for Experiments/ring8-vanila.yaml; did you mean 'ring8-vanilla'?")
    }

    @Test func extendsCycleIsDetected() throws {
        let message = try loadError([
            "Experiments/a.yaml": "extends: b\n", "Experiments/b.yaml": "extends: a.yaml\n",
        ])
        #expect(message == "extends cycle: Experiments/a.yaml → Experiments/b.yaml → Experiments/a.yaml")
    }

    @Test func overridesApplyAndTheirErrorsNameTheOption() throws {
        let message = try loadError(["Experiments/a.yaml": TestProject.ringSpec], overrides: ["steps=0", "stabilizers.pack=2"])
        #expect(message == "--set steps: must be at least 1, got 0")
        let badKey = try loadError(["Experiments/a.yaml": TestProject.ringSpec], overrides: ["objetive=hinge"])
        #expect(badKey == "--set objetive: unknown key; did you mean 'objective'?")
        #expect(throws: NotebookError.self) { try SpecOverride(parsing: "steps") }
    }

    @Test func variantInheritsAllButNameAndDescription() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("Experiments/base.yaml", "description: base\nsteps: 300\ngenerator: {width: 64}\n")
        try project.write("Experiments/v.yaml", "extends: base\ngenerator: {depth: 2}\n")
        let loaded = try project.notebook(FakeExecutor()).loadSpec(path: "v", overrides: [SpecOverride(parsing: "stabilizers.pack=2")])
        #expect(loaded.spec.name == "v")
        #expect(loaded.spec.description == "")
        #expect(loaded.spec.steps == 300)
        #expect(loaded.spec.generator.width == 64)
        #expect(loaded.spec.generator.depth == 2)
        #expect(loaded.spec.stabilizers.pack == 2)
        #expect(loaded.files == ["Experiments/v.yaml", "Experiments/base.yaml"])
    }

    @Test func changingABlocksKindReplacesTheBlockInsteadOfMerging() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("Experiments/base.yaml", """
            data: {kind: ring, modes: 6, radius: 3.0, std: 0.1}
            optimizer:
              generator: {kind: adam, lr: 2.0e-3, betas: [0.5, 0.9]}
              discriminator: {kind: adam, lr: 2.0e-3, betas: [0.5, 0.9]}
            """)
        // Merging would leave the ring's modes/radius in a grid block and Adam's betas in an
        // RMSProp block; both would be rejected as unknown keys.
        try project.write("Experiments/v.yaml", """
            extends: base
            data: {kind: grid, size: 3}
            optimizer:
              generator: {kind: rmsprop, lr: 5.0e-5}
              discriminator: {lr: 1.0e-4}
            """)
        let spec = try project.notebook(FakeExecutor()).loadSpec(path: "v").spec
        // The grid's own defaults for what the child did not set: spacing 2, std 0.05.
        #expect(spec.data == .grid(size: 3, spacing: 2, std: 0.05))
        // RMSProp's own defaults (alpha 0.99, eps 1e-8) for what the child did not set.
        #expect(spec.generatorOptimizer == .rmsprop(lr: 5e-5, alpha: 0.99, eps: 1e-8, momentum: 0, centered: false, weightDecay: 0))
        // No kind in the child: the discriminator's Adam block still merges (betas kept).
        #expect(spec.discriminatorOptimizer == .adam(lr: 1e-4, betas: [0.5, 0.9], eps: 1e-8, weightDecay: 0, amsgrad: false))
    }

    @Test func sameKindInTheChildStillMerges() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("Experiments/base.yaml", "data: {kind: ring, modes: 6, radius: 3.0}\n")
        try project.write("Experiments/v.yaml", "extends: base\ndata: {kind: ring, std: 0.1}\n")
        let spec = try project.notebook(FakeExecutor()).loadSpec(path: "v").spec
        #expect(spec.data == .ring(modes: 6, radius: 3, std: 0.1))
    }

    @Test func keyInsideAReplacedBlockPointsAtTheChild() throws {
        let message = try loadError([
            "Experiments/base.yaml": "data: {kind: ring, modes: 6}\n",
            "Experiments/a.yaml": "extends: base\ndata:\n  kind: grid\n  modes: 4\n",
        ])
        #expect(message.hasPrefix("Experiments/a.yaml:4:3: data.modes: unknown key"))
    }

    @Test func resolvedYAMLParsesBackToTheSameSpec() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("Experiments/a.yaml", "objective: wgan\noptimizer: {generator: {kind: rmsprop, lr: 5e-5}}\n")
        let notebook = project.notebook(FakeExecutor())
        let spec = try notebook.loadSpec(path: "a").spec
        try project.write("Experiments/b.yaml", spec.canonicalYAML)
        var again = try notebook.loadSpec(path: "b").spec
        again.name = spec.name
        #expect(again == spec)
    }

    @Test func exampleExperimentsParseAndValidate() throws {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let notebook = Notebook(projectRoot: packageRoot, executor: FakeExecutor(), environment: ExecutionEnvironment(threads: 1, blasCore: "x"))
        let vanilla = try notebook.loadSpec(path: "ring8-vanilla").spec
        let wgan = try notebook.loadSpec(path: "ring8-wgan-gp").spec
        let grid = try notebook.loadSpec(path: "grid25-vanilla").spec
        #expect(wgan.objective == .wganGP && wgan.nCritic == 5 && wgan.seeds == vanilla.seeds)
        #expect(wgan.generatorOptimizer == .adam(lr: 1e-4, betas: [0.5, 0.9], eps: 1e-8, weightDecay: 0, amsgrad: false))
        #expect(grid.data == .grid(size: 5, spacing: 2, std: 0.05))
        #expect(vanilla.specHash != wgan.specHash)
    }
}
