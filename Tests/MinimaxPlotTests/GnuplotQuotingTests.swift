import MinimaxPlot
import Testing

@Suite struct GnuplotQuotingTests {
    @Test func doublesSingleQuotes() {
        #expect(GnuplotQuoting.quoted("D's output") == "'D''s output'")
    }

    @Test func hostileTitleStaysOneString() {
        // The payload's own quote is doubled, so gnuplot sees one literal, never a call to system().
        #expect(GnuplotQuoting.quoted("x'; system('touch pwned'); '") == "'x''; system(''touch pwned''); '''")
    }

    @Test func controlCharactersCannotEndTheString() {
        #expect(GnuplotQuoting.quoted("a\nEOD\nb\t`ls`") == "'a EOD b `ls`'")
    }
}
