import MinimaxGAN
import Testing

@Suite struct SpecDecodingTests {
    private func decode(_ entries: [SpecEntry]) throws -> ExperimentSpec {
        try ExperimentSpec(from: .mapping(entries), defaultName: "test")
    }

    @Test func emptySpecGetsTheDocumentedDefaults() throws {
        let spec = try decode([])
        #expect(spec.name == "test")
        #expect(spec.seeds == [0])
        #expect(spec.data == .ring(modes: 8, radius: 2, std: 0.02))
        #expect(spec.objective == .nonSaturating)
        #expect(spec.generatorOptimizer == .adam(lr: 1e-4, betas: [0.5, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false))
        #expect(spec.stabilizers.weightClip == nil)
        #expect(spec.stabilizers.gradientPenalty == nil)
        // quick: steps = max(20, 2000 / 10) = 200, eval_samples = min(2500, 500) = 500
        #expect(spec.quick == QuickSpec(steps: 200, evalSamples: 500))
        #expect(spec.validate().isEmpty)
    }

    @Test func defaultsDependOnKindAndObjective() throws {
        let spec = try decode([
            SpecEntry("data", .mapping([SpecEntry("kind", .string("grid"))])),
            SpecEntry("objective", .string("wgan-gp")),
        ])
        #expect(spec.data == .grid(size: 5, spacing: 2, std: 0.05))
        #expect(spec.stabilizers.gradientPenalty == 10)
        #expect(spec.nCritic == 5)
        let wgan = try decode([SpecEntry("objective", .string("wgan"))])
        #expect(wgan.stabilizers.weightClip == 0.01)
        #expect(wgan.stabilizers.gradientPenalty == nil)
    }

    @Test func imageDataGetsImageCharts() throws {
        let digits = try decode([SpecEntry("data", .mapping([SpecEntry("kind", .string("mnist-5k"))])), SpecEntry("conditional", .bool(true))])
        #expect(digits.charts == [.samples, .evolution, .losses, .gradients, .classes, .conditional, .evaluation])
        let stacked = try decode([SpecEntry("data", .mapping([SpecEntry("kind", .string("stacked-mnist"))]))])
        #expect(stacked.charts == [.samples, .evolution, .losses, .gradients, .modes, .evaluation])
    }

    @Test func unknownKeyIsReportedWithSuggestion() {
        #expect {
            _ = try decode([SpecEntry("stabilizers", .mapping([SpecEntry("spectal_norm", .bool(true))]))])
        } throws: { error in
            (error as? SpecProblems)?.problems == [
                SpecProblem("stabilizers.spectal_norm", "unknown key; did you mean 'spectral_norm'?", kind: .unknownKey),
            ]
        }
    }

    @Test func wrongTypesAndUnknownEnumValuesAreAllReported() {
        #expect {
            _ = try decode([
                SpecEntry("steps", .string("many")),
                SpecEntry("objective", .string("wgan-pg")),
                SpecEntry("batch_size", .double(2.5)),
            ])
        } throws: { error in
            (error as? SpecProblems)?.problems.map(\.description) == [
                "objective: unknown value 'wgan-pg'; did you mean 'wgan-gp'? (one of: minimax, non-saturating, wgan, wgan-gp, hinge, least-squares)",
                "batch_size: expected an integer, got a number '2.5'",
                "steps: expected an integer, got a string 'many'",
            ]
        }
    }

    @Test func seedsAcceptSingleListAndRange() throws {
        #expect(try decode([SpecEntry("seed", .int(3))]).seeds == [3])
        #expect(try decode([SpecEntry("seeds", .sequence([.int(0), .int(2)]))]).seeds == [0, 2])
        #expect(try decode([SpecEntry("seeds", .string("0-4"))]).seeds == [0, 1, 2, 3, 4])
        #expect(try SeedList.parse("0,2,5") == [0, 2, 5])
        #expect(try SeedList.parse("0-2,7") == [0, 1, 2, 7])
        #expect(throws: SeedList.ParseError.self) { try SeedList.parse("4-1") }
        #expect(throws: SeedList.ParseError.self) { try SeedList.parse("1,1") }
    }

    @Test func resolvedSpecRoundTripsThroughItsOwnValue() throws {
        let original = try decode([
            SpecEntry("data", .mapping([
                SpecEntry("kind", .string("mixture")),
                SpecEntry("means", .sequence([.sequence([.int(0), .int(0)]), .sequence([.double(1.5), .int(-1)])])),
            ])),
            SpecEntry("optimizer", .mapping([SpecEntry("discriminator", .mapping([SpecEntry("kind", .string("rmsprop"))]))])),
            SpecEntry("objective", .string("wgan")),
        ])
        let again = try ExperimentSpec(from: original.specValue, defaultName: "other")
        #expect(again == original)
    }

    @Test func quickenedScalesIntervalsWithSteps() throws {
        let spec = try decode([SpecEntry("steps", .int(1000)), SpecEntry("eval_every", .int(100))])
        let quick = spec.quickened()
        // steps 1000 → max(20, 100) = 100; ratio 0.1: eval 100 → 10, snapshot/checkpoint 500 → 50
        #expect(quick.steps == 100)
        #expect(quick.evalEvery == 10)
        #expect(quick.snapshotEvery == 50)
        #expect(quick.evalSamples == 500)
    }
}
