import Foundation
import MinimaxTensor
import Testing

/// Forward values and input gradients against PyTorch, from the committed fixture
/// `Fixtures/parity.json` written by `Tests/Fixtures/make_fixtures.py` (float64 references
/// from float32 inputs). Each case is compared with |swift − torch| ≤ 1e-4·|torch| + 1e-5.
@Suite struct PyTorchParityTests {
    /// Relative tolerance of the comparison, and its absolute floor for values near 0.
    static let relative: Float = 1e-4
    static let absolute: Float = 1e-5

    /// The Swift side of every fixture case, by the name the script gives it.
    static let ops: [String: ([Tensor]) -> Tensor] = [
        "add_row_broadcast": { $0[0] + $0[1] },
        "subtract_scalar_tensor": { $0[0] - $0[1] },
        "multiply_outer_broadcast": { $0[0] * $0[1] },
        "divide_broadcast": { $0[0] / $0[1] },
        "negate": { -$0[0] },
        "exp": { $0[0].exp() },
        "log": { $0[0].log() },
        "sqrt": { $0[0].sqrt() },
        "pow_3": { $0[0].pow(3) },
        "pow_half": { $0[0].pow(0.5) },
        "abs": { $0[0].abs() },
        "relu": { $0[0].relu() },
        "leaky_relu_0.2": { $0[0].leakyReLU(0.2) },
        "sigmoid": { $0[0].sigmoid() },
        "tanh": { $0[0].tanh() },
        "softplus": { $0[0].softplus() },
        "log_sigmoid": { $0[0].logSigmoid() },
        "softplus_extremes": { $0[0].softplus() },
        "log_sigmoid_extremes": { $0[0].logSigmoid() },
        "sigmoid_extremes": { $0[0].sigmoid() },
        "clamp": { $0[0].clamp(min: -0.5, max: 0.5) },
        "where": { Tensor.where(Tensor(shape: [2, 3], scalars: [1, 0, 1, 0, 0, 1]), $0[0], $0[1]) },
        "maximum_with_ties": { $0[0].maximum($0[1]) },
        "matmul": { $0[0].matmul($0[1]) },
        "matmul_transpose_a": { Tensor.matmul($0[0], $0[1], transposeA: true, transposeB: false) },
        "matmul_transpose_b": { Tensor.matmul($0[0], $0[1], transposeA: false, transposeB: true) },
        "matmul_transpose_both": { Tensor.matmul($0[0], $0[1], transposeA: true, transposeB: true) },
        "matmul_batched": { $0[0].matmul($0[1]) },
        "matmul_rank3_rank2": { $0[0].matmul($0[1]) },
        "permute": { $0[0].permuted([2, 0, 1]) },
        "transpose_last_two": { $0[0].transposed() },
        "reshape": { $0[0].reshaped([4, 6]) },
        "broadcast_to": { $0[0].broadcast(to: [2, 3, 4]) },
        "sum_to_shape": { $0[0].sum(toShape: [3, 1]) },
        "concat_axis1": { Tensor.concat($0, axis: 1) },
        "slice_axis1": { $0[0].slice(axis: 1, 1..<4) },
        "pad_axis0": { $0[0].padded(axis: 0, before: 1, after: 2, value: 0.5) },
        "pad2d": { $0[0].pad2d(top: 1, bottom: 0, left: 2, right: 1) },
        "gather_rows_repeated": { $0[0].gather(rows: [2, 0, 2, 3, 2]) },
        "index_add_rows": { $0[0].indexAdd(rows: [1, 3, 1, 0, 1], count: 4) },
        "sum_all": { $0[0].sum() },
        "sum_axes_0_2": { $0[0].sum(axes: [0, 2]) },
        "sum_axis_last_keepdims": { $0[0].sum(axis: -1, keepDims: true) },
        "mean_axis1": { $0[0].mean(axis: 1) },
        "mean_all": { $0[0].mean() },
        "max_axis1": { $0[0].max(axis: 1) },
        "max_with_ties_keepdims": { $0[0].max(axis: 1, keepDims: true) },
        "logsumexp_axis1": { $0[0].logsumexp(axes: [1]) },
        "logsumexp_all": { $0[0].logsumexp(axes: [0, 1]) },
        "variance_axis0": { $0[0].variance(axes: [0]) },
        "variance_unbiased_all_keepdims": { $0[0].variance(axes: [0, 1], keepDims: true, unbiased: true) },
        // BCE from logits in its stable form: mean(softplus(x) − y·x).
        "bce_with_logits": { ($0[0].softplus() - $0[1] * $0[0]).mean() },
        "wgan_gp_penalty": { t in
            GradientPenaltyTests.penalty(t[0]) { GradientPenaltyTests.critic($0, t[1], t[2], t[3], t[4]) }
        },
    ]

    struct Fixture: Decodable {
        let torch: String
        let cases: [Case]
    }
    struct Case: Decodable {
        let name: String
        let inputs: [Encoded]
        let cotangent: Encoded
        let output: Encoded
        let gradients: [Encoded]
    }
    struct Encoded: Decodable {
        let shape: [Int]
        let values: [Double]
        var tensor: Tensor { Tensor(shape: shape, scalars: values.map { Float($0) }) }
    }

    static func loadFixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "parity", withExtension: "json", subdirectory: "Fixtures"),
                               "Fixtures/parity.json is missing from the test bundle")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test func fixtureAndSwiftTableNameTheSameCases() throws {
        let fixture = try Self.loadFixture()
        let names = fixture.cases.map(\.name)
        #expect(Set(names).count == names.count, "duplicate case names")
        #expect(Set(names) == Set(Self.ops.keys),
                "only in fixture: \(Set(names).subtracting(Self.ops.keys).sorted()); only in Swift: \(Set(Self.ops.keys).subtracting(names).sorted())")
    }

    @Test(arguments: ops.keys.sorted())
    func matchesPyTorch(name: String) throws {
        let fixture = try Self.loadFixture()
        let testCase = try #require(fixture.cases.first { $0.name == name }, "no fixture case \(name): re-run make_fixtures.py")
        let op = try #require(Self.ops[name])
        let leaves = testCase.inputs.map { $0.tensor.requiringGrad() }
        let output = op(leaves)
        expectClose(output, testCase.output.tensor, relative: Self.relative, absolute: Self.absolute, "\(name) output")
        let grads = gradients(of: (output * testCase.cotangent.tensor).sum(), wrt: leaves)
        for (i, (g, expected)) in zip(grads, testCase.gradients).enumerated() {
            expectClose(g, expected.tensor, relative: Self.relative, absolute: Self.absolute, "\(name) gradient of input \(i)")
        }
    }
}
