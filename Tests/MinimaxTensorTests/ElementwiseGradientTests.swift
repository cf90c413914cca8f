import MinimaxTensor
import MinimaxTestSupport
import Testing

/// Full per-element gradient checks on tiny shapes for the ops whose pullbacks move or
/// reduce elements (a wrong index hides easily in a single directional check).
@Suite struct ElementwiseGradientTests {
    let x = GradientCheck.tensor([2, 3, 2], seed: 41)

    @Test func broadcastingArithmetic() {
        expectElementwiseGradient([GradientCheck.tensor([3, 1], seed: 42), GradientCheck.tensor([1, 4], seed: 43)], "multiply") { $0[0] * $0[1] }
        expectElementwiseGradient([x, GradientCheck.tensor([3, 1], seed: 44, scale: 0.5, offset: 1)], "divide") { $0[0] / $0[1] }
        expectElementwiseGradient([x, GradientCheck.tensor([2], seed: 45)], "subtract") { $0[0] - $0[1] }
    }

    @Test func layout() {
        expectElementwiseGradient([x], "permute") { $0[0].permuted([1, 2, 0]) }
        expectElementwiseGradient([x], "sum(toShape:)") { $0[0].sum(toShape: [3, 1]) }
        expectElementwiseGradient([GradientCheck.tensor([3, 1], seed: 46)], "broadcast") { $0[0].broadcast(to: [2, 3, 2]) }
        expectElementwiseGradient([x], "slice") { $0[0].slice(axis: 1, 1..<3) }
        expectElementwiseGradient([x], "pad") { $0[0].padded(axis: 2, before: 1, after: 1) }
        expectElementwiseGradient([x, GradientCheck.tensor([2, 1, 2], seed: 47)], "concat") { Tensor.concat($0, axis: 1) }
        expectElementwiseGradient([GradientCheck.tensor([4, 2], seed: 48)], "gather") { $0[0].gather(rows: [3, 3, 0, 1, 3]) }
        expectElementwiseGradient([GradientCheck.tensor([5, 2], seed: 49)], "indexAdd") { $0[0].indexAdd(rows: [2, 0, 2, 2, 1], count: 3) }
    }

    @Test func reductionsAndProducts() {
        let separated = Tensor(shape: [2, 3, 2], scalars: (0..<12).map { Float(($0 * 5) % 12) * 0.1 - 0.6 })
        expectElementwiseGradient([separated], "max over axis 1") { $0[0].max(axes: [1]) }
        expectElementwiseGradient([x], "logsumexp over 0, 2") { $0[0].logsumexp(axes: [0, 2], keepDims: true) }
        expectElementwiseGradient([x], "variance over 1") { $0[0].variance(axes: [1]) }
        expectElementwiseGradient([GradientCheck.tensor([2, 3, 2], seed: 50), GradientCheck.tensor([2, 4], seed: 51)], "batch × matrix") {
            $0[0].matmul($0[1])
        }
        expectElementwiseGradient([GradientCheck.tensor([3, 2], seed: 52), GradientCheck.tensor([4, 3], seed: 53)], "matmul both transposed") {
            Tensor.matmul($0[0], $0[1], transposeA: true, transposeB: true)
        }
    }
}
