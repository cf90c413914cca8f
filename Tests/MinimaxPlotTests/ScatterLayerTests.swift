import MinimaxPlot
import Testing

@Suite struct ScatterLayerTests {
    @Test func groupedSplitsPointsByGroupWithCategoryColours() throws {
        let layers = try ScatterLayer.grouped(x: [0, 1, 2, 3], y: [4, 5, 6, 7], groups: [1, 0, 1, -1], names: ["a", "b"])
        #expect(layers.count == 2)
        guard case .scatter(let first) = layers[0], case .scatter(let second) = layers[1] else {
            Issue.record("grouped must return scatter layers")
            return
        }
        #expect(first.x == [1] && first.title == "a" && first.color == HouseStyle.category(0))
        #expect(second.x == [0, 2] && second.y == [4, 6] && second.title == "b" && second.color == HouseStyle.category(1))
        #expect(throws: ChartError.self) { try ScatterLayer.grouped(x: [0], y: [0, 1], groups: [0]) }
    }
}
