import Foundation
import MinimaxNotebook
import Testing

/// Image runs get sample grids drawn from `snapshots/images-<step>.csv`.
@Suite struct ImageChartTests {
    @Test func samplesAndEvolutionAreDrawnFromImageSnapshots() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("Experiments/digits.yaml", "data: {kind: mnist-5k}\ngenerator: {kind: dcgan}\ndiscriminator: {kind: dcgan}\n")
        let notebook = project.notebook(FakeExecutor())
        let spec = try notebook.loadSpec(path: "digits").spec
        let folder = notebook.runFolder(for: spec, seed: 0, quick: true)
        try folder.create()
        try FileManager.default.createDirectory(at: folder.snapshots, withIntermediateDirectories: true)
        for step in [0, 10] {
            // Four 1x2x2 gray images: a checkerboard and its inverse, so the grid is not blank.
            let rows = (0..<4).map { i in (i % 2 == 0 ? ["0", "1", "1", "0"] : ["1", "0", "0", "1"]).joined(separator: ",") }
            try (["# 4 images, 1x2x2 values in [0,1] per line"] + rows).joined(separator: "\n")
                .write(to: folder.snapshots.appendingPathComponent(String(format: "images-%06d.csv", step)), atomically: true, encoding: .utf8)
        }
        let drawn = try GnuplotChartRenderer().renderRunCharts([.samples, .evolution, .surface], spec: spec, folder: folder)
        // No surface for images: D's output over a plane only exists for 2-D data.
        #expect(drawn == ["samples.png", "evolution.png"])
        for file in drawn {
            let size = try FileManager.default.attributesOfItem(atPath: folder.charts.appendingPathComponent(file).path)[.size] as? Int
            #expect((size ?? 0) > 1000, "\(file)")
        }
        let script = try String(contentsOf: folder.charts.appendingPathComponent("samples.gp"), encoding: .utf8)
        #expect(script.contains("rgbimage"))
    }
}
