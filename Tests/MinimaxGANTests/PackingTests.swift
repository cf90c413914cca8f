import MinimaxGAN
import MinimaxTensor
import Testing

@Suite struct PackingTests {
    @Test func packsConsecutiveSamplesIntoOneRow() {
        // 6 samples (x = i, y = 10i) packed by 3 → 2 rows of 6 features, samples 0–2 then 3–5
        let samples = Tensor(shape: [6, 2], scalars: (0..<6).flatMap { [Float($0), Float(10 * $0)] })
        let packed = Packing.packed(samples, degree: 3)
        #expect(packed.shape == [2, 6])
        #expect(Array(packed.scalars[0..<6]) == [0, 0, 1, 10, 2, 20])
        #expect(Array(packed.scalars[6..<12]) == [3, 30, 4, 40, 5, 50])
    }

    @Test func degreeOneKeepsRows() {
        let samples = Tensor(shape: [4, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(Packing.packed(samples, degree: 1).shape == [4, 2])
    }
}
