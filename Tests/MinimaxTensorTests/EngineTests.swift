import MinimaxTensor
import Testing

@Suite struct EngineTests {
    @Test func reportsTheBLASKernel() {
        #expect(!Engine.blasCoreName.isEmpty)
        #expect(Engine.blasConfig.contains("OpenBLAS"))
        #expect(Engine.threads >= 1)
    }
}
