import Foundation
import MinimaxGAN
import Testing

/// End-to-end runs at tiny sizes (width 16, depth 2, batch 32, 40 steps, 200 evaluation samples).
@Suite struct GANTrainerTests {
    static func tinySpec(_ objective: Objective = .nonSaturating) -> ExperimentSpec {
        var spec = ExperimentSpec(name: "tiny")
        spec.objective = objective
        spec.stabilizers = StabilizerSpec(objective: objective)
        spec.generator.width = 16
        spec.generator.depth = 2
        spec.discriminator.width = 16
        spec.discriminator.depth = 2
        spec.batchSize = 32
        spec.steps = 40
        spec.nCritic = 1
        spec.evalEvery = 10
        spec.evalSamples = 200
        spec.snapshotEvery = 20
        spec.checkpointEvery = 20
        return spec
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("minimax-gan-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func text(_ folder: URL, _ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func writesMetricsAndSnapshotFiles() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try GANTrainer(spec: Self.tinySpec(), seed: 1, folder: folder).run()
        #expect(outcome.status == .finished)
        #expect(outcome.stepsDone == 40)
        let lines = try Self.text(folder, "metrics.csv").split(separator: "\n")
        #expect(lines.first == "step,d_loss,g_loss,d_real,d_fake,g_grad_norm,d_grad_norm,modes,high_quality,reverse_kl,js,energy")
        // evaluations at 10, 20, 30, 40
        #expect(lines.dropFirst().map { $0.split(separator: ",")[0] } == ["10", "20", "30", "40"])
        for step in ["000000", "000020", "000040"] {
            let samples = try Self.text(folder, "snapshots/samples-\(step).csv").split(separator: "\n")
            #expect(samples.first == "x,y")
            #expect(samples.count == 201)
            #expect(try Self.text(folder, "snapshots/surface-\(step).csv").split(separator: "\n").count == 64 * 64 + 1)
            let arrows = try Self.text(folder, "snapshots/gradients-\(step).csv").split(separator: "\n")
            #expect(arrows.first == "x,y,dx,dy")
            #expect(arrows.count == 201)
            #expect(try Self.text(folder, "snapshots/manifold-\(step).csv").split(separator: "\n").count == 21 * 21 + 1)
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("checkpoints/latest.safetensors").path))
        #expect(outcome.finalMetrics["step"] == 40)
    }

    @Test func sameSeedSameMetrics() throws {
        let first = try Self.temporaryFolder(), second = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        var spec = Self.tinySpec(.wganGP)
        spec.nCritic = 2
        spec.stabilizers.instanceNoise = 0.1
        _ = try GANTrainer(spec: spec, seed: 7, folder: first).run()
        _ = try GANTrainer(spec: spec, seed: 7, folder: second).run()
        #expect(try Self.text(first, "metrics.csv") == Self.text(second, "metrics.csv"))
        #expect(try Self.text(first, "snapshots/samples-000040.csv") == Self.text(second, "snapshots/samples-000040.csv"))
    }

    /// Stop after step 25 (checkpoint at 25), leave a stale row a crash could have left behind,
    /// resume: the files equal an uninterrupted run's, byte for byte.
    @Test func resumeGivesIdenticalMetrics() throws {
        let whole = try Self.temporaryFolder(), parts = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: whole); try? FileManager.default.removeItem(at: parts) }
        var spec = Self.tinySpec()
        spec.stabilizers.labelSmoothing = 0.1
        spec.stabilizers.instanceNoise = 0.05
        _ = try GANTrainer(spec: spec, seed: 3, folder: whole).run()

        var steps = 0
        let stopped = try GANTrainer(spec: spec, seed: 3, folder: parts).run(progress: { steps = $0.step }, shouldStop: { steps >= 25 })
        #expect(stopped.status == .stopped(step: 25))
        let metrics = parts.appendingPathComponent("metrics.csv")
        let stale = try String(contentsOf: metrics, encoding: .utf8) + "30,1,1,1,1,1,1,1,1,1,1,1\n"
        try stale.write(to: metrics, atomically: true, encoding: .utf8)

        let resumed = try GANTrainer(spec: spec, seed: 3, folder: parts).run(resume: true)
        #expect(resumed.status == .finished)
        #expect(resumed.resumedFrom == 25)
        #expect(try Self.text(whole, "metrics.csv") == Self.text(parts, "metrics.csv"))
        #expect(try Self.text(whole, "snapshots/samples-000040.csv") == Self.text(parts, "snapshots/samples-000040.csv"))
    }

    /// Every stabilizer with state (batch-norm buffers, dropout streams, spectral norm's u and v,
    /// unrolled second-order D, Adam moments) survives a stop and resume bit-identically.
    @Test func resumeWithStatefulStabilizers() throws {
        let whole = try Self.temporaryFolder(), parts = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: whole); try? FileManager.default.removeItem(at: parts) }
        var spec = Self.tinySpec()
        spec.steps = 12
        spec.evalEvery = 3
        spec.checkpointEvery = 4
        spec.generator.batchNorm = true
        spec.discriminator.batchNorm = true
        spec.discriminator.dropout = 0.2
        spec.stabilizers.spectralNorm = true
        spec.stabilizers.minibatchDiscrimination = true
        spec.stabilizers.minibatchStddev = true
        spec.stabilizers.pack = 2
        spec.stabilizers.unrolledSteps = 2
        spec.stabilizers.unrolledSecondOrder = true
        spec.stabilizers.r1 = 1
        let first = try GANTrainer(spec: spec, seed: 5, folder: whole).run()
        #expect(first.status == .finished)
        var steps = 0
        _ = try GANTrainer(spec: spec, seed: 5, folder: parts).run(progress: { steps = $0.step }, shouldStop: { steps >= 7 })
        let resumed = try GANTrainer(spec: spec, seed: 5, folder: parts).run(resume: true)
        #expect(resumed.resumedFrom == 7)
        #expect(try Self.text(whole, "metrics.csv") == Self.text(parts, "metrics.csv"))
    }

    @Test func hugeLearningRateDiverges() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var spec = Self.tinySpec(.wgan)
        spec.stabilizers.weightClip = 1e30
        spec.generatorOptimizer = .adam(lr: 1e30, betas: [0.5, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false)
        spec.discriminatorOptimizer = .adam(lr: 1e30, betas: [0.5, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false)
        let outcome = try GANTrainer(spec: spec, seed: 0, folder: folder).run()
        guard case let .diverged(step) = outcome.status else {
            Issue.record("expected divergence, got \(outcome.status)")
            return
        }
        #expect(step >= 1 && step <= 40)
        #expect(outcome.stepsDone == step)
        // The row of the diverging step is the last one kept.
        let lines = try Self.text(folder, "metrics.csv").split(separator: "\n")
        #expect(lines.last?.split(separator: ",").first.map(String.init) == String(step))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("snapshots/samples-000000.csv").path))
    }

    @Test func rejectsCheckpointOfAnotherSeed() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var spec = Self.tinySpec()
        spec.steps = 20
        _ = try GANTrainer(spec: spec, seed: 1, folder: folder).run()
        #expect(throws: GANSetupError.self) { try GANTrainer(spec: spec, seed: 2, folder: folder).run(resume: true) }
    }
}
