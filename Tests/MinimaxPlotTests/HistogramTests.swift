import MinimaxPlot
import Testing

@Suite struct HistogramTests {
    @Test func countsValuesIntoHalfOpenBinsWithAClosedLastBin() {
        let histogram = Histogram(values: [0, 0.5, 1, 1.5, 2, 7, .nan], binCount: 2, range: 0...2)
        // [0, 1) holds 0 and 0.5; [1, 2] holds 1, 1.5 and 2; 7 is outside, NaN ignored.
        #expect(histogram.bins() == [
            .init(lower: 0, upper: 1, height: 2),
            .init(lower: 1, upper: 2, height: 3),
        ])
    }

    @Test func densityIntegratesToOne() {
        let values = (0..<1000).map { Double($0 % 97) / 10 }
        let bins = Histogram(values: values, binCount: 13, normalization: .density).bins()
        let integral = bins.reduce(0) { $0 + $1.height * ($1.upper - $1.lower) }
        #expect(abs(integral - 1) <= 1e-12)
        #expect(bins.first?.lower == 0)
        #expect(abs((bins.last?.upper ?? 0) - 9.6) <= 1e-12)
    }

    @Test func equalValuesGetAUnitWideSpan() {
        let bins = Histogram(values: [3, 3, 3], binCount: 1).bins()
        #expect(bins == [.init(lower: 2.5, upper: 3.5, height: 3)])
    }
}
