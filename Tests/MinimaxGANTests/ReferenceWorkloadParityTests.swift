import MinimaxGAN
import Testing

/// Parity with PyTorch for one full iteration of each reference workload at its reference size,
/// from the same weights and batches (see `WorkloadParityFixture` for what is compared and the
/// tolerances, `Tests/Fixtures/make_nn_fixtures.py` for how the fixtures were made).
@Suite struct ReferenceWorkloadParityTests {
    /// One D step, one G step; widths 256, batch 256.
    @Test func toy2dIterationMatchesPyTorch() throws {
        try WorkloadParityFixture(named: "toy2d_iteration").replay(.toy2d)
    }

    /// Five critic steps with the gradient penalty (a second-order gradient), each compared,
    /// then one G step: after five Adam steps the weights depend on gradient magnitudes too.
    @Test func toy2dWGANGPIterationMatchesPyTorch() throws {
        try WorkloadParityFixture(named: "toy2d_wgangp_iteration").replay(.toy2dWGANGP)
    }

    /// Width 64, batch 64, batch norm in training mode in both networks: running statistics
    /// (D's updated three times, G's twice) and `numBatchesTracked` are compared too.
    @Test func dcganMNISTIterationMatchesPyTorch() throws {
        try WorkloadParityFixture(named: "dcgan_mnist_iteration").replay(
            .dcganMNIST,
            zeroGradientParameters: ["generator.layers.0.bias", "generator.layers.4.bias", "discriminator.layers.2.bias"],
            downstreamBuffers: ["discriminator.layers.3.runningMean"])
    }
}
