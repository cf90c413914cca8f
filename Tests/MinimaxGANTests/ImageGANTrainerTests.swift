import Foundation
import MinimaxData
import MinimaxGAN
import Testing

/// Image runs end to end at tiny sizes (DCGAN width 4, batch 8, 4 steps, 20 evaluation samples)
/// on synthetic 28×28 bars, with a tiny classifier passed in (no data folder is touched).
@Suite struct ImageGANTrainerTests {
    func trainer(_ spec: ExperimentSpec, seed: UInt64 = 0, folder: URL) throws -> GANTrainer {
        try GANTrainer(spec: spec, seed: seed, folder: folder, images: .images(ImageTestSupport.tinyDigits()),
                       classifier: ImageTestSupport.tinyClassifier())
    }

    @Test func writesImageMetricsAndSnapshots() throws {
        let folder = try ImageTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try trainer(ImageTestSupport.tinySpec(), folder: folder).run()
        #expect(outcome.status == .finished)
        let lines = try ImageTestSupport.text(folder, "metrics.csv").split(separator: "\n")
        #expect(lines.first == "step,d_loss,g_loss,d_real,d_fake,g_grad_norm,d_grad_norm,classes,class_kl,confidence,frechet,energy")
        #expect(lines.count == 3)  // header + steps 2 and 4
        let last = lines[2].split(separator: ",")
        #expect(last.count == 12)
        let classes = try #require(Int(last[7]))
        #expect((1...10).contains(classes))
        let frechet = try #require(Double(last[10]))
        #expect(frechet.isFinite && frechet >= -1e-6)
        for step in ["000000", "000002", "000004"] {
            let images = try ImageTestSupport.text(folder, "snapshots/images-\(step).csv").split(separator: "\n")
            #expect(images.count == 1 + 20)  // "#" layout line + min(64, eval_samples) images
            #expect(images[1].split(separator: ",").count == 784)
            let histogram = try ImageTestSupport.text(folder, "snapshots/classes-\(step).csv").split(separator: "\n")
            #expect(histogram.first == "class,count,fraction,data_fraction")
            #expect(histogram.count == 11)
            let counts = histogram.dropFirst().compactMap { Int($0.split(separator: ",")[1]) }
            #expect(counts.reduce(0, +) == 20)
        }
        #expect(try ImageTestSupport.text(folder, "snapshots/real-images.csv").split(separator: "\n").count == 21)
        #expect(try ImageTestSupport.text(folder, "image-evaluation.json").contains("\"data_source\" : \"synthetic bars (test)\""))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("checkpoints/latest.safetensors").path))
    }

    /// The final metrics carry the yardstick: the classifier's held-out accuracy from its record.
    @Test func finalMetricsQuoteTheClassifiersAccuracy() throws {
        let folder = try ImageTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = ImageTestSupport.tinyDigits()
        let classifier = try EvaluationClassifier.loadOrTrain(key: "tiny", train: data, test: data, seed: 0,
                                                              dataFolder: folder.appendingPathComponent("data"),
                                                              settings: ClassifierTraining(epochs: 1, batchSize: 8, maxShift: 0))
        let record = try #require(classifier.record)
        let run = try GANTrainer(spec: ImageTestSupport.tinySpec(), seed: 0, folder: folder.appendingPathComponent("run"),
                                 images: .images(data), classifier: classifier)
        let outcome = try run.run()
        #expect(outcome.finalMetrics["classifier_accuracy"] == record.heldOutAccuracy)
        // Not a metrics.csv column: it describes the classifier, not the generator at a step.
        #expect(try !ImageTestSupport.text(folder.appendingPathComponent("run"), "metrics.csv").contains("classifier_accuracy"))
    }

    @Test func conditionalRunWritesLabelGridAndAccuracy() throws {
        let folder = try ImageTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var spec = ImageTestSupport.tinySpec(conditional: true)
        spec.metrics = [.classCoverage]
        let run = try trainer(spec, folder: folder)
        #expect(run.generator is ImageGenerator)
        #expect((run.discriminator as? ImageDiscriminator)?.projection != nil)
        _ = try run.run()
        let header = try ImageTestSupport.text(folder, "metrics.csv").split(separator: "\n")[0]
        #expect(header == "step,d_loss,g_loss,d_real,d_fake,g_grad_norm,d_grad_norm,classes,class_kl,confidence,conditional_accuracy")
        let grid = try ImageTestSupport.text(folder, "snapshots/conditional-000004.csv").split(separator: "\n")
        #expect(grid.count == 1 + 10 * 8)
        #expect(grid[0].contains("line i has label i / 8"))
    }

    /// Stopped after step 2 and resumed: metrics and snapshots equal an uninterrupted run's,
    /// byte for byte (batch sampler position, label stream and BN buffers restored).
    @Test func resumeIsByteIdentical() throws {
        var spec = ImageTestSupport.tinySpec(conditional: true)
        spec.metrics = [.classCoverage, .frechet]
        let whole = try ImageTestSupport.temporaryFolder(), parts = try ImageTestSupport.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: whole)
            try? FileManager.default.removeItem(at: parts)
        }
        _ = try trainer(spec, seed: 4, folder: whole).run()
        var steps = 0
        let stopped = try trainer(spec, seed: 4, folder: parts).run(progress: { steps = $0.step }, shouldStop: { steps >= 2 })
        #expect(stopped.status == .stopped(step: 2))
        let resumed = try trainer(spec, seed: 4, folder: parts).run(resume: true)
        #expect(resumed.resumedFrom == 2)
        for file in ["metrics.csv", "snapshots/images-000004.csv", "snapshots/conditional-000004.csv", "snapshots/classes-000004.csv"] {
            #expect(try ImageTestSupport.text(whole, file) == ImageTestSupport.text(parts, file), "\(file) differs after resume")
        }
    }

    /// Every image variant builds and trains a step: MLP networks, WGAN-GP with layer norm,
    /// spectral norm with minibatch discrimination, PacGAN packing.
    @Test(arguments: ["mlp", "wgan-gp", "spectral-minibatch", "pack"])
    func variantsTrain(_ variant: String) throws {
        var spec = ImageTestSupport.tinySpec()
        spec.steps = 2
        spec.metrics = [.classCoverage]
        switch variant {
        case "mlp":
            spec.generator = GeneratorSpec(kind: .mlp, noiseDim: 8, width: 16, depth: 1)
            spec.discriminator = DiscriminatorSpec(kind: .mlp, width: 16, depth: 1)
        case "wgan-gp":
            spec.objective = .wganGP
            spec.stabilizers = StabilizerSpec(objective: .wganGP)
            spec.discriminator.batchNorm = false
            spec.discriminator.layerNorm = true
            spec.nCritic = 2
        case "spectral-minibatch":
            spec.stabilizers.spectralNorm = true
            spec.stabilizers.minibatchDiscrimination = true
        default:
            spec.stabilizers.pack = 2
        }
        let folder = try ImageTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try trainer(spec, folder: folder)
        if variant == "pack" { #expect((run.discriminator as? ImageDiscriminator)?.inputChannels == 2) }
        let outcome = try run.run()
        #expect(outcome.status == .finished)
        #expect(outcome.finalMetrics["d_loss"]?.isFinite == true)
    }

    @Test func rejectsPackingForConditionalGANAndOversizedBatch() throws {
        let folder = try ImageTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var packed = ImageTestSupport.tinySpec(conditional: true)
        packed.stabilizers.pack = 2
        #expect(throws: GANSetupError("stabilizers.pack", "packing mixes images of different labels; a conditional GAN needs pack 1")) {
            try trainer(packed, folder: folder)
        }
        var large = ImageTestSupport.tinySpec()
        large.batchSize = 64
        #expect(throws: GANSetupError("batch_size", "64 exceeds the 40 training images")) { try trainer(large, folder: folder) }
    }
}
