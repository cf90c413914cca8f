import MinimaxNN
import MinimaxTensor
import Testing

@Suite struct ModuleStateTests {
    @Test func stateDictHasParametersAndBuffersByDottedName() {
        let model = Sequential { Linear(2, 3); BatchNorm1d(3); SpectralNorm(Linear(3, 1)) }
        #expect(model.stateDict().keys.sorted() == [
            "layers.0.bias", "layers.0.weight",
            "layers.1.bias", "layers.1.numBatchesTracked", "layers.1.runningMean", "layers.1.runningVar", "layers.1.weight",
            "layers.2.layer.bias", "layers.2.layer.weight", "layers.2.u", "layers.2.v",
        ])
    }

    @Test func loadingReportsEveryMismatchAndChangesNothing() {
        let model = Sequential { Linear(2, 3); BatchNorm1d(3) }
        let before = model.stateDict(prefix: "generator.")
        var state = before
        state["generator.layers.0.weight"] = .zeros([3, 3])
        state["generator.layers.1.runningMean"] = nil
        state["generator.layers.9.weight"] = .zeros([1])
        state["discriminator.anything"] = .zeros([1])   // another prefix: ignored
        do {
            try model.loadStateDict(state, prefix: "generator.")
            Issue.record("loading should fail")
        } catch {
            #expect("\(error)" == "Sequential state does not match: missing keys: generator.layers.1.runningMean; "
                + "unexpected keys: generator.layers.9.weight; shape mismatch for generator.layers.0.weight: expected [3, 2], found [3, 3]")
        }
        #expect(model.stateDict(prefix: "generator.").mapValues(\.scalars) == before.mapValues(\.scalars))
    }

    @Test func loadingKeepsParameterIdentity() throws {
        let source = Linear(2, 2), target = Linear(2, 2)
        source.initialize(seed: 1)
        let weight = target.weight
        try target.loadStateDict(source.stateDict())
        #expect(target.weight === weight)
        #expect(target.weight.value.scalars == source.weight.value.scalars)
    }

    @Test func summaryTableForTheToyDiscriminator() {
        let model = ReferenceModels.toy2dDiscriminator(hiddenWidth: 8)
        model.train()
        let summary = model.summary(inputShape: [4, 2])
        #expect(summary == """
            ==============================================
            Layer                 Output shape  Parameters
            ==============================================
            Sequential            [4, 1]               177
              (0) Linear(2 → 8)   [4, 8]                24
              (1) LeakyReLU(0.2)  [4, 8]                 0
              (2) Linear(8 → 8)   [4, 8]                72
              (3) LeakyReLU(0.2)  [4, 8]                 0
              (4) Linear(8 → 8)   [4, 8]                72
              (5) LeakyReLU(0.2)  [4, 8]                 0
              (6) Linear(8 → 1)   [4, 1]                 9
            ==============================================
            Input shape: [4, 2]
            Trainable parameters: 177
            Buffer values: 0
            Parameter size: 0.00 MB (float32)

            """)
        #expect(model.isTraining)
    }

    @Test func summaryRunsInEvaluationModeAndRestoresModes() {
        let model = ReferenceModels.dcganMNISTGenerator(width: 4)
        model.train()
        (model.layers[1] as? Module)?.eval()
        let before = model.stateDict().mapValues(\.scalars)
        let summary = model.summary(inputShape: [1, 64])
        #expect(summary.contains("(8) Tanh") && summary.contains("[1, 1, 28, 28]"))
        // 64·392 + 392 + 2·392 + (8·4·16 + 4) + 2·4 + (4·16 + 1); buffers 2·392 + 1 + 2·4 + 1.
        #expect(summary.contains("Trainable parameters: 26,853\nBuffer values: 794\n"))
        // Batch size 1 works only in evaluation mode; running statistics are untouched.
        #expect(model.stateDict().mapValues(\.scalars) == before)
        #expect(model.isTraining && !(model.layers[1] as? Module)!.isTraining)
    }
}
