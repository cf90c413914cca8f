import MinimaxTensor
import Testing

@Suite struct EngineTests {
    @Test func threadSettingReachesOpenBLAS() {
        Engine.threads = 2
        #expect(Engine.threads == 2)
        Engine.threads = 1
        #expect(Engine.threads == 1)
        #expect(!Engine.blasCoreName.isEmpty)
        #expect(Engine.blasConfig.contains("OpenBLAS"))
    }
}
