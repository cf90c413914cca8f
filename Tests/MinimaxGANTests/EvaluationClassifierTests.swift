import Foundation
import MinimaxData
import MinimaxGAN
import MinimaxNN
import Testing

@Suite struct EvaluationClassifierTests {
    /// Train on tiny bars, save, load: same predictions and features; the cache returns the saved
    /// file's classifier (with its record) instead of training again.
    @Test func trainSaveLoadRoundTrip() throws {
        let folder = try ImageTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = ImageTestSupport.tinyDigits()
        let settings = ClassifierTraining(epochs: 6, batchSize: 8, maxShift: 0)
        let trained = try EvaluationClassifier.loadOrTrain(key: "tiny", train: data, test: data, seed: 2, dataFolder: folder, settings: settings)
        let file = EvaluationClassifier.cacheFile(key: "tiny", seed: 2, dataFolder: folder)
        #expect(file.lastPathComponent == "tiny-seed2-\(EvaluationClassifier.architectureVersion).safetensors")
        #expect(FileManager.default.fileExists(atPath: file.path))
        let record = try #require(trained.record)
        // Ten well-separated bar positions, 24 Adam steps: the training images are learnt.
        #expect(record.heldOutAccuracy >= 0.9)
        #expect(record.heldOutCount == 40)

        let loaded = try EvaluationClassifier.load(from: file)
        #expect(loaded.record == record)
        let before = trained.predict(data.images, count: data.count), after = loaded.predict(data.images, count: data.count)
        #expect(before.labels == after.labels)
        #expect(before.features == after.features)  // exact: identical weights and ops
        #expect(before.features.count == data.count * EvaluationClassifier.featureDimension)

        // A second call finds the file: the record (including its training time) is the saved one.
        let cached = try EvaluationClassifier.loadOrTrain(key: "tiny", train: data, test: data, seed: 2, dataFolder: folder, settings: settings)
        #expect(cached.record == record)
    }

    @Test func sameSeedSameWeights() {
        let data = ImageTestSupport.tinyDigits(perClass: 2)
        let settings = ClassifierTraining(epochs: 1, batchSize: 4)
        let a = EvaluationClassifier.train(on: data, seed: 5, settings: settings)
        let b = EvaluationClassifier.train(on: data, seed: 5, settings: settings)
        #expect(a.output.weight.value.scalars == b.output.weight.value.scalars)
    }

    @Test func rejectsFileOfAnotherArchitecture() throws {
        let folder = try ImageTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("other.safetensors")
        try MinimaxNN.Checkpoint.save(tensors: [:], metadata: ["architecture": "other"], to: file)
        #expect(throws: GANSetupError.self) { try EvaluationClassifier.load(from: file) }
    }

    @Test func recipeShiftsOnlySmallSets() {
        // mnist-5k's 4,500 training digits: ⌊40,000 / 4,500⌋ = 8 epochs, shifted by up to 2 pixels.
        #expect(ClassifierTraining.recommended(trainingCount: 4500) == ClassifierTraining(epochs: 8, maxShift: 2))
        // Fashion-MNIST's 60,000 images: the 3-epoch floor, no shifts.
        #expect(ClassifierTraining.recommended(trainingCount: 60_000) == ClassifierTraining(epochs: 3, maxShift: 0))
        // A tiny set is capped at 10 epochs.
        #expect(ClassifierTraining.recommended(trainingCount: 100).epochs == 10)
    }
}
