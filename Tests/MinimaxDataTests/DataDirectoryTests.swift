import MinimaxData
import Testing

@Suite struct DataDirectoryTests {
    @Test func environmentOverridesTheDefault() {
        #expect(DataDirectory.fromEnvironment(["MINIMAX_DATA": "/data", "HOME": "/home/a"]).path == "/data")
        #expect(DataDirectory.fromEnvironment(["HOME": "/home/a"]).path == "/home/a/.cache/minimax/data")
        #expect(DataDirectory.fromEnvironment(["MINIMAX_DATA": "", "HOME": "/h"]).file("x.gz") == "/h/.cache/minimax/data/x.gz")
    }
}
