import MinimaxNN
import MinimaxTensor
import MinimaxTestSupport
import Testing

@Suite struct SpectralNormTests {
    static func layer(_ name: String) -> any WeightedLayer {
        switch name {
        case "linear": return Linear(5, 4)
        case "conv2d": return Conv2d(3, 4, kernelSize: 3, stride: 2, padding: 1)
        default: return ConvTranspose2d(3, 4, kernelSize: 3, stride: 2, padding: 1)
        }
    }

    /// `torch.nn.utils.spectral_norm` from the same weight and u: two training-mode passes (one
    /// power iteration each), then u, v, W/σ, the output and the gradients with respect to W,
    /// the bias and the input. ConvTranspose2d normalises its `[in, out, kH, kW]` weight as a
    /// matrix with one row per output channel (PyTorch's dim=1).
    /// Tolerance 1e-4·|torch| + 1e-6: values are O(1) and agree to a few float32 ulps.
    @Test(arguments: ["linear", "conv2d", "convTranspose2d"])
    func matchesPyTorch(layerName name: String) throws {
        let fixture = try PyTorchFixture(named: "spectral_norm")
        let layer = Self.layer(name)
        let bias = try #require(layer.namedParameters().first { $0.name == "bias" }?.parameter)
        layer.weight.assign(try fixture.tensor("\(name).weight").scalars)
        bias.assign(try fixture.tensor("\(name).bias").scalars)
        let normalized = SpectralNorm(layer)
        normalized.u.value = try fixture.tensor("\(name).u0")
        let input = try fixture.tensor("\(name).input").requiringGrad()
        _ = normalized(input)
        let output = normalized(input)
        let loss = (output * (try fixture.tensor("\(name).cotangent"))).sum()
        let grads = gradients(of: loss, wrt: [layer.weight.value, bias.value, input])

        func expect(_ value: Tensor, _ key: String) throws {
            try fixture.expectClose(value, "\(name).\(key)", relative: 1e-4, absolute: 1e-6)
        }
        try expect(normalized.u.value, "u")
        try expect(normalized.v.value, "v")
        try expect(layer.weight.value / normalized.sigma(), "normalizedWeight")
        try expect(output, "output")
        try expect(grads[0], "gradient.weight")
        try expect(grads[1], "gradient.bias")
        try expect(grads[2], "gradient.input")
    }

    @Test func convTransposeNormalisesOverOutputChannels() {
        let layer = ConvTranspose2d(3, 2, kernelSize: 2)
        let normalized = SpectralNorm(layer)
        // u has one entry per output channel (weight dimension 1), v one per (in, kH, kW).
        #expect(normalized.u.value.shape == [2] && normalized.v.value.shape == [12])
        #expect(layer.weightMatrix(layer.weight.value).shape == [2, 12])
        // Row c of the matrix is output channel c: weight[:, c, :, :] in (in, kH, kW) order.
        let w = layer.weight.value.scalars
        let row1 = (0..<3).flatMap { i in (0..<4).map { k in w[(i * 2 + 1) * 4 + k] } }
        #expect(Array(layer.weightMatrix(layer.weight.value).scalars[12...]) == row1)
    }
}
