import MinimaxTensor
import MinimaxTestSupport
import Testing

/// Forward values and finite-difference gradient checks of the broadcasting arithmetic.
@Suite struct TensorArithmeticTests {
    @Test func forwardBroadcastsLikeNumPy() {
        let a = Tensor(shape: [3, 1], scalars: [1, 2, 3])
        let b = Tensor(shape: [1, 4], scalars: [10, 20, 30, 40])
        // Outer product of the columns: row i is (i+1)·[10, 20, 30, 40].
        #expect((a * b).shape == [3, 4])
        #expect((a * b).scalars == [10, 20, 30, 40, 20, 40, 60, 80, 30, 60, 90, 120])
        // [2,3] − [3] subtracts the row from every row.
        let c = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]) - Tensor([1, 1, 2])
        #expect(c.scalars == [0, 1, 1, 3, 4, 4])
        #expect((2 / Tensor([4, 8])).scalars == [0.5, 0.25])
        #expect((Tensor([4, 8]) - 1).scalars == [3, 7])
    }

    @Test func addGradients() {
        expectGradient([GradientCheck.tensor([3, 4], seed: 1), GradientCheck.tensor([3, 4], seed: 2)]) { $0[0] + $0[1] }
        expectGradient([GradientCheck.tensor([3, 4], seed: 1), GradientCheck.tensor([4], seed: 2)], "[3,4]+[4]") { $0[0] + $0[1] }
        expectGradient([GradientCheck.tensor([4], seed: 3), GradientCheck.tensor([2, 3, 4], seed: 4)], "[4]+[2,3,4]") { $0[0] + $0[1] }
        expectGradient([GradientCheck.tensor([2, 1, 4], seed: 5), GradientCheck.tensor([3, 1], seed: 6)], "[2,1,4]+[3,1]") { $0[0] + $0[1] }
        expectGradient([GradientCheck.tensor([3, 4], seed: 1), GradientCheck.tensor([], seed: 2)], "tensor + scalar tensor") { $0[0] + $0[1] }
        expectGradient([GradientCheck.tensor([3, 4], seed: 1)], "tensor + Float") { $0[0] + 2.5 }
    }

    @Test func subtractGradients() {
        expectGradient([GradientCheck.tensor([3, 4], seed: 1), GradientCheck.tensor([4], seed: 2)], "[3,4]−[4]") { $0[0] - $0[1] }
        expectGradient([GradientCheck.tensor([1, 4], seed: 3), GradientCheck.tensor([3, 1], seed: 4)], "[1,4]−[3,1]") { $0[0] - $0[1] }
        expectGradient([GradientCheck.tensor([2, 3], seed: 5)], "Float − tensor") { 1.5 - $0[0] }
    }

    @Test func multiplyGradients() {
        expectGradient([GradientCheck.tensor([3, 1], seed: 1), GradientCheck.tensor([1, 4], seed: 2)], "[3,1]*[1,4]") { $0[0] * $0[1] }
        expectGradient([GradientCheck.tensor([2, 3, 4], seed: 3), GradientCheck.tensor([3, 1], seed: 4)], "[2,3,4]*[3,1]") { $0[0] * $0[1] }
        expectGradient([GradientCheck.tensor([], seed: 5), GradientCheck.tensor([2, 3], seed: 6)], "scalar * [2,3]") { $0[0] * $0[1] }
        expectGradient([GradientCheck.tensor([2, 3], seed: 7)], "Float * tensor") { -3 * $0[0] }
    }

    @Test func divideGradients() {
        // Divisors in [0.5, 1.5]: far from the pole at 0.
        expectGradient([GradientCheck.tensor([2, 3, 4], seed: 1), GradientCheck.tensor([3, 1], seed: 2, scale: 0.5, offset: 1)],
                       "[2,3,4]/[3,1]") { $0[0] / $0[1] }
        expectGradient([GradientCheck.tensor([3, 4], seed: 3), GradientCheck.tensor([], seed: 4, scale: 0.5, offset: 1)],
                       "tensor / scalar tensor") { $0[0] / $0[1] }
        expectGradient([GradientCheck.tensor([3, 4], seed: 5, scale: 0.5, offset: 1)], "Float / tensor") { 2 / $0[0] }
        expectGradient([GradientCheck.tensor([3, 4], seed: 6)], "tensor / Float") { $0[0] / 4 }
    }

    @Test func negateGradient() {
        expectGradient([GradientCheck.tensor([5], seed: 1)]) { -$0[0] }
    }

    @Test func comparisonsAreConstants() {
        let x = Tensor([1, 2, 3]).requiringGrad()
        let y = Tensor([2, 2, 2])
        #expect(x.greater(y).scalars == [0, 0, 1])
        #expect(x.equal(y).scalars == [0, 1, 0])
        #expect(!x.greater(y).requiresGrad && !x.equal(y).requiresGrad)
    }

    @Test func compoundAssignmentRecords() {
        // (x + x)·x = 2x², d/dx = 4x.
        let x = Tensor([1, -2]).requiringGrad()
        var y = x
        y += x
        y *= x
        y -= Tensor([1, 1])
        #expect(gradients(of: y.sum(), wrt: [x])[0].scalars == [4, -8])
    }
}
