import MinimaxPlot
import Testing

@Suite struct GnuplotNumberTests {
    @Test func formatsWithSevenSignificantDigits() {
        #expect(GnuplotNumber.format(3) == "3")
        #expect(GnuplotNumber.format(0.1) == "0.1")
        #expect(GnuplotNumber.format(-2.5) == "-2.5")
        #expect(GnuplotNumber.format(1e-5) == "1e-05")
        #expect(GnuplotNumber.format(123_456_789) == "1.234568e+08")
        #expect(GnuplotNumber.format(Double(Float(0.1))) == "0.1")
        #expect(GnuplotNumber.format(-0.0) == "0")
    }

    @Test func nonFiniteValuesBecomeMissingPoints() {
        #expect(GnuplotNumber.format(.nan) == "NaN")
        #expect(GnuplotNumber.format(.infinity) == "NaN")
        #expect(GnuplotNumber.format(-.infinity) == "NaN")
    }
}
