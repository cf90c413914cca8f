import MinimaxTensor
import MinimaxTestSupport
import Testing

/// Layout ops: values and gradient checks (each op's pullback is its adjoint op).
@Suite struct TensorShapeTests {
    let x234 = GradientCheck.tensor([2, 3, 4], seed: 1)

    @Test func forwardValues() {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(x.transposed().scalars == [1, 4, 2, 5, 3, 6])
        #expect(x.reshaped([3, -1]).shape == [3, 2])
        #expect(x.flattened(from: 0).shape == [6])
        #expect(x.slice(axis: 1, 1..<3).scalars == [2, 3, 5, 6])
        #expect(x.padded(axis: 0, before: 1, after: 0, value: 9).scalars == [9, 9, 9, 1, 2, 3, 4, 5, 6])
        #expect(Tensor.concat([x, Tensor(shape: [2, 1], scalars: [7, 8])], axis: 1).scalars == [1, 2, 3, 7, 4, 5, 6, 8])
        #expect(x.gather(rows: [1, 1, 0]).scalars == [4, 5, 6, 4, 5, 6, 1, 2, 3])
        #expect(x.indexAdd(rows: [2, 2], count: 3).scalars == [0, 0, 0, 0, 0, 0, 5, 7, 9])
        #expect(Tensor([1, 2]).broadcast(to: [2, 2]).scalars == [1, 2, 1, 2])
        #expect(x.sum(toShape: [1, 3]).scalars == [5, 7, 9])
        #expect(x.sum(toShape: [2, 1]).scalars == [6, 15])
        #expect(x.sum(toShape: [3]).scalars == [5, 7, 9])
        let p = x234.permuted([2, 0, 1])
        #expect(p.shape == [4, 2, 3])
        // p[i, j, k] = x[j, k, i]: spot-check p[3, 1, 2] = x[1, 2, 3] (flat 1·12 + 2·4 + 3 = 23).
        #expect(p.scalars[3 * 6 + 1 * 3 + 2] == x234.scalars[23])
        let padded = Tensor.ones([1, 1, 2, 2]).pad2d(top: 1, bottom: 0, left: 0, right: 2)
        #expect(padded.shape == [1, 1, 3, 4])
        #expect(padded.scalars == [0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0])
    }

    @Test func reshapeAndPermuteGradients() {
        expectGradient([x234], "reshape") { $0[0].reshaped([4, -1]) }
        expectGradient([x234], "flatten") { $0[0].flattened() }
        expectGradient([x234], "permute") { $0[0].permuted([2, 0, 1]) }
        expectGradient([x234], "transpose") { $0[0].transposed() }
    }

    @Test func broadcastAndItsAdjointGradients() {
        expectGradient([GradientCheck.tensor([3, 1], seed: 2)], "broadcast [3,1]→[2,3,4]") { $0[0].broadcast(to: [2, 3, 4]) }
        expectGradient([GradientCheck.tensor([], seed: 3)], "broadcast scalar→[2,2]") { $0[0].broadcast(to: [2, 2]) }
        expectGradient([x234], "sum(toShape:) →[3,1]") { $0[0].sum(toShape: [3, 1]) }
        expectGradient([x234], "sum(toShape:) →[4]") { $0[0].sum(toShape: [4]) }
        expectGradient([x234], "sum(toShape:) →[]") { $0[0].sum(toShape: []) }
    }

    @Test func sliceConcatPadGradients() {
        expectGradient([GradientCheck.tensor([3, 5, 2], seed: 4)], "slice axis 1") { $0[0].slice(axis: 1, 1..<4) }
        expectGradient([GradientCheck.tensor([3, 5, 2], seed: 5)], "slice axis −1") { $0[0].slice(axis: -1, 0..<1) }
        expectGradient([GradientCheck.tensor([2, 2, 3], seed: 6), GradientCheck.tensor([2, 1, 3], seed: 7), GradientCheck.tensor([2, 3, 3], seed: 8)],
                       "concat axis 1") { Tensor.concat($0, axis: 1) }
        expectGradient([GradientCheck.tensor([2, 3], seed: 9), GradientCheck.tensor([1, 3], seed: 10)], "concat axis 0") {
            Tensor.concat($0, axis: 0)
        }
        expectGradient([GradientCheck.tensor([2, 3], seed: 11)], "pad axis 0") { $0[0].padded(axis: 0, before: 1, after: 2, value: 0.5) }
        expectGradient([GradientCheck.tensor([1, 2, 3, 3], seed: 12)], "pad2d") { $0[0].pad2d(top: 1, bottom: 0, left: 2, right: 1) }
    }

    @Test func gatherAndIndexAddGradients() {
        // Repeated rows: gather's adjoint must add, not overwrite.
        expectGradient([GradientCheck.tensor([4, 3], seed: 13)], "gather with repeats") { $0[0].gather(rows: [2, 0, 2, 3, 2]) }
        expectGradient([GradientCheck.tensor([5, 3], seed: 14)], "indexAdd with repeats") { $0[0].indexAdd(rows: [1, 3, 1, 0, 1], count: 4) }
        // Row 2 picked three times gets three times the gradient; row 1 never picked gets zero.
        let g = gradientOfSum(Tensor(shape: [4, 1], scalars: [1, 2, 3, 4]), { $0.gather(rows: [2, 0, 2, 3, 2]) })
        #expect(g.scalars == [1, 0, 3, 1])
    }
}
