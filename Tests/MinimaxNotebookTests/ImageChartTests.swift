import Foundation
import MinimaxGAN
import MinimaxNotebook
import Testing

/// Image runs get sample grids, the class histogram, the cGAN grid and the evaluation metrics,
/// drawn from hand-written snapshot files (no training).
@Suite struct ImageChartTests {
    /// A run folder of `spec` (YAML) in a fresh project, with `snapshots/` created.
    private func runFolder(_ project: TestProject, _ yaml: String) throws -> (spec: ExperimentSpec, folder: RunFolder) {
        try project.write("Experiments/digits.yaml", yaml)
        let notebook = project.notebook(FakeExecutor())
        let spec = try notebook.loadSpec(path: "digits").spec
        let folder = notebook.runFolder(for: spec, seed: 0, quick: true)
        try folder.create()
        try FileManager.default.createDirectory(at: folder.snapshots, withIntermediateDirectories: true)
        return (spec, folder)
    }

    private func write(_ text: String, _ name: String, in folder: RunFolder) throws {
        try text.write(to: folder.snapshots.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func expectDrawn(_ files: [String], in folder: RunFolder, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for file in files {
            let size = try FileManager.default.attributesOfItem(atPath: folder.charts.appendingPathComponent(file).path)[.size] as? Int
            #expect((size ?? 0) > 1000, "\(file)", sourceLocation: sourceLocation)
        }
    }

    @Test func samplesAndEvolutionAreDrawnFromImageSnapshots() throws {
        let project = try TestProject()
        defer { project.remove() }
        let (spec, folder) = try runFolder(project, "data: {kind: mnist-5k}\ngenerator: {kind: dcgan}\ndiscriminator: {kind: dcgan}\n")
        for step in [0, 10] {
            // Four 1x2x2 gray images: a checkerboard and its inverse, so the grid is not blank.
            let rows = (0..<4).map { i in (i % 2 == 0 ? ["0", "1", "1", "0"] : ["1", "0", "0", "1"]).joined(separator: ",") }
            try write((["# 4 images, 1x2x2 values in [0,1] per line"] + rows).joined(separator: "\n"), String(format: "images-%06d.csv", step), in: folder)
        }
        let drawn = try GnuplotChartRenderer().renderRunCharts([.samples, .evolution, .surface], spec: spec, folder: folder)
        // No surface for images: D's output over a plane only exists for 2-D data.
        #expect(drawn == ["samples.png", "evolution.png"])
        try expectDrawn(drawn, in: folder)
        let script = try String(contentsOf: folder.charts.appendingPathComponent("samples.gp"), encoding: .utf8)
        #expect(script.contains("rgbimage"))
    }

    @Test func classHistogramShowsSharesOverStepsAndAgainstTheData() throws {
        let project = try TestProject()
        defer { project.remove() }
        let (spec, folder) = try runFolder(project, "data: {kind: fashion-mnist}\ngenerator: {kind: dcgan}\ndiscriminator: {kind: dcgan}\n")
        // Steps 0, 10, 20, 30 and an off-grid last step 35; the generator collapses onto class 7.
        for (step, collapsed) in [(0, 0.1), (10, 0.3), (20, 0.6), (30, 0.9), (35, 0.95)] {
            let rest = (1 - collapsed) / 9
            let rows = (0..<10).map { label in
                let share = label == 7 ? collapsed : rest
                return "\(label),\(Int(share * 1000)),\(share),0.1"
            }
            try write((["class,count,fraction,data_fraction"] + rows).joined(separator: "\n") + "\n",
                      String(format: "classes-%06d.csv", step), in: folder)
        }
        let drawn = try GnuplotChartRenderer().renderRunCharts([.classes], spec: spec, folder: folder)
        #expect(drawn == ["classes.png"])
        try expectDrawn(drawn, in: folder)
        let script = try String(contentsOf: folder.charts.appendingPathComponent("classes.gp"), encoding: .utf8)
        // The bars are labelled with Fashion-MNIST's class names and compare the last step with the data.
        #expect(script.contains("'Ankle boot' 9"))
        #expect(script.contains("generated, step 35"))
        // The heatmap's columns are steps 10, 20, 30 (cells 10 wide, so x runs 5…35): step 0
        // (the untrained generator) and the off-grid last step 35 are left out.
        #expect(script.contains("set xrange [5:35]"))
    }

    @Test func conditionalGridHasOneLabelledRowPerClass() throws {
        let project = try TestProject()
        defer { project.remove() }
        let (spec, folder) = try runFolder(project, "data: {kind: mnist-5k}\nconditional: true\ngenerator: {kind: dcgan}\ndiscriminator: {kind: dcgan}\n")
        // 10 classes x 3 columns of 1x2x2 images.
        let rows = (0..<30).map { i in (i % 2 == 0 ? ["0", "1", "1", "0"] : ["1", "0", "0", "1"]).joined(separator: ",") }
        try write((["# 30 images, 1x2x2 values in [0,1] per line; 10 rows (labels 0-9) x 3 columns; line i has label i / 3"] + rows)
            .joined(separator: "\n"), "conditional-000020.csv", in: folder)
        let drawn = try GnuplotChartRenderer().renderRunCharts([.conditional], spec: spec, folder: folder)
        #expect(drawn == ["conditional.png"])
        try expectDrawn(drawn, in: folder)
        let script = try String(contentsOf: folder.charts.appendingPathComponent("conditional.gp"), encoding: .utf8)
        for digit in 0..<10 { #expect(script.contains("set label '\(digit)' at first -0.5")) }
    }

    @Test func evaluationChartHasAPanelPerImageMetric() throws {
        let project = try TestProject()
        defer { project.remove() }
        let (spec, folder) = try runFolder(project, "data: {kind: mnist-5k}\ngenerator: {kind: dcgan}\ndiscriminator: {kind: dcgan}\n")
        let csv = "step,d_loss,g_loss,classes,class_kl,confidence,frechet\n0,1.4,0.7,1,2.3,0.9,2000\n10,1.0,1.2,6,0.8,0.7,300\n20,0.9,1.5,10,0.1,0.8,60\n"
        try csv.write(to: folder.metricsFile, atomically: true, encoding: .utf8)
        let drawn = try GnuplotChartRenderer().renderRunCharts([.evaluation], spec: spec, folder: folder)
        #expect(drawn == ["evaluation.png"])
        try expectDrawn(drawn, in: folder)
        let script = try String(contentsOf: folder.charts.appendingPathComponent("evaluation.gp"), encoding: .utf8)
        #expect(script.contains("classes covered"))
        #expect(script.contains("classifier Fréchet distance"))
        #expect(script.contains("set logscale y"))
    }
}
