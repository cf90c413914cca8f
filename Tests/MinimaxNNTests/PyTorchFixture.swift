import Foundation
import MinimaxNN
import MinimaxTensor
import Testing

/// Tensors that `Tests/Fixtures/make_nn_fixtures.py` recorded with PyTorch, read with our own
/// safetensors loader (so every fixture also checks that a file written by Python loads here).
struct PyTorchFixture {
    let name: String
    let tensors: [String: Tensor]

    init(named name: String) throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "safetensors"),
                               "fixture \(name).safetensors is not among the test resources")
        self.name = name
        tensors = try Checkpoint.load(from: url).tensors
    }

    func tensor(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Tensor {
        try #require(tensors[key], "fixture \(name) has no tensor \(key)", sourceLocation: sourceLocation)
    }

    /// Expects the same shape and |actual − expected| ≤ relative·|expected| + absolute
    /// elementwise, naming the worst entry.
    func expectClose(_ actual: Tensor, _ key: String, relative: Float, absolute: Float,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try tensor(key, sourceLocation: sourceLocation)
        #expect(actual.shape == expected.shape, "\(name) \(key): shape \(actual.shape) vs \(expected.shape)",
                sourceLocation: sourceLocation)
        var worst: (excess: Float, index: Int) = (0, -1)
        for (i, (a, e)) in zip(actual.scalars, expected.scalars).enumerated() {
            let excess = abs(a - e) - (relative * abs(e) + absolute)
            if !(excess <= worst.excess) { worst = (excess.isNaN ? .infinity : excess, i) }
        }
        #expect(worst.index < 0, "\(name) \(key)[\(worst.index)]: \(worst.index >= 0 ? actual.scalars[worst.index] : 0) vs \(worst.index >= 0 ? expected.scalars[worst.index] : 0)",
                sourceLocation: sourceLocation)
        if ProcessInfo.processInfo.environment["MINIMAX_PARITY_REPORT"] != nil {
            let maxAbs = zip(actual.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? 0
            print("parity \(name) \(key): max abs \(maxAbs)")
        }
    }
}
