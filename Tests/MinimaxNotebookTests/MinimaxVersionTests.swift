import MinimaxNotebook
import Testing

@Suite struct MinimaxVersionTests {
    @Test func versionIsSemantic() {
        let parts = MinimaxVersion.string.split(separator: ".")
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { Int($0) != nil })
    }
}
