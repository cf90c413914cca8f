import MinimaxData
import MinimaxTensor
import Testing

@Suite struct StackedMNISTTests {
    /// Base: 20 one-pixel-per-image "digits" whose pixel value encodes the label.
    let base = ImageDataset(name: "digits", split: .train, source: "hand-made", channels: 1, height: 2, width: 2,
                            classCount: 10, images: (0..<20).flatMap { Array(repeating: Float($0 % 10), count: 4) },
                            labels: (0..<20).map { $0 % 10 })

    @Test func channelsAreThreeDigitsAndLabelsEncodeThem() {
        var stream = RandomStream(seed: 1, name: "data/stacked")
        let stacked = StackedMNIST(base: base, count: 50, stream: &stream)
        let batch = stacked.batch(0..<50)
        #expect(batch.images.count == 50 * 3 * 4)
        for image in 0..<50 {
            let digits = (0..<3).map { Int(batch.images[image * 12 + $0 * 4]) }
            #expect(batch.labels[image] == 100 * digits[0] + 10 * digits[1] + digits[2])
        }
    }

    /// 20,000 draws over 1,000 equally likely labels: expected distinct ≈ 1000(1 − e⁻²⁰) ≈ 1000.
    @Test func coversTheThousandModes() {
        var stream = RandomStream(seed: 2, name: "data/stacked")
        let stacked = StackedMNIST(base: base, count: 20_000, stream: &stream)
        #expect(Set(stacked.labels).count == 1000)
        #expect(stacked.labels.allSatisfy { (0..<1000).contains($0) })
        var again = RandomStream(seed: 2, name: "data/stacked")
        #expect(StackedMNIST(base: base, count: 20_000, stream: &again).componentIndices == stacked.componentIndices)
    }
}
