import Foundation
import MinimaxGAN
import MinimaxNN
import MinimaxPlot

/// The course's charts of one toy 2-D run, built from its files (pure: files in, figures out).
///
/// Real data is always blue and generated data vermillion (`HouseStyle.real`/`.fake`), in
/// every chart of every lesson.
struct RunCharts {
    let spec: ExperimentSpec
    let files: SnapshotFiles
    let metrics: MetricsTable?

    init(spec: ExperimentSpec, folder: RunFolder) {
        self.spec = spec
        files = SnapshotFiles(folder: folder)
        metrics = try? MetricsTable.read(folder.metricsFile)
    }

    var title: String { spec.description.isEmpty ? spec.name : spec.description }

    /// Real and generated samples at `step` on one panel with equal axes.
    func samplesPanel(step: Int, title panelTitle: String?, legend: Panel.LegendPosition = .topRight) -> Panel? {
        guard let fake = files.points("samples", step: step) else { return nil }
        var layers: [Layer] = []
        if let real = files.real {
            layers.append(.scatter(ScatterLayer(x: real.x, y: real.y, title: "real", color: HouseStyle.real, alpha: 0.35, pointSize: 0.5)))
        }
        layers.append(.scatter(ScatterLayer(x: fake.x, y: fake.y, title: "generated", color: HouseStyle.fake, alpha: 0.35, pointSize: 0.5)))
        return Panel(title: panelTitle, xLabel: "x", yLabel: "y", xRange: range(\.x), yRange: range(\.y),
                     legend: legend, equalAspect: true, layers: layers)
    }

    /// The plotting window: the real data's extent with a margin, so frames are comparable.
    func range(_ axis: KeyPath<(x: [Double], y: [Double]), [Double]>) -> ClosedRange<Double>? {
        guard let real = files.real else { return nil }
        let values = real[keyPath: axis].filter(\.isFinite)
        guard let low = values.min(), let high = values.max() else { return nil }
        let margin = Swift.max(0.5, 0.25 * (high - low))
        return (low - margin)...(high + margin)
    }

    var lastStep: Int? { files.steps("samples").last }

    func samples() -> Figure? {
        guard let step = lastStep, let panel = samplesPanel(step: step, title: "step \(step)") else { return nil }
        return Figure(title: "\(title): real and generated samples", panel: panel)
    }

    /// Up to six snapshot steps, evenly spread, always with the first and the last.
    func evolutionSteps(limit: Int = 6) -> [Int] {
        let steps = files.steps("samples")
        guard steps.count > limit else { return steps }
        return (0..<limit).map { steps[Int((Double($0) * Double(steps.count - 1) / Double(limit - 1)).rounded())] }
    }

    func evolution() -> Figure? {
        let panels = evolutionSteps().compactMap { samplesPanel(step: $0, title: "step \($0)", legend: .hidden) }
        guard !panels.isEmpty else { return nil }
        return Figure(title: "\(title): samples over training", columns: Swift.min(3, panels.count), panels: panels)
    }

    func evolutionAnimation() -> Animation? {
        let steps = files.steps("samples")
        let stride = Swift.max(1, steps.count / 20)
        let frames = Swift.Array(Swift.stride(from: 0, to: steps.count, by: stride)).map { steps[$0] }
        let figures = frames.compactMap { step in
            samplesPanel(step: step, title: "step \(step)").map { Figure(title: title, width: 640, height: 640, panel: $0) }
        }
        return figures.isEmpty ? nil : Animation(frames: figures, delay: 40)
    }

    func lineChart(_ columns: [(String, String)], title panelTitle: String, yLabel: String, logY: Bool = false) -> Panel? {
        guard let metrics else { return nil }
        var layers: [Layer] = []
        for (index, (column, label)) in columns.enumerated() {
            let series = metrics.series(column).filter { $0.value.isFinite && (!logY || $0.value > 0) }
            guard !series.isEmpty else { continue }
            layers.append(.line(LineSeries(x: series.map { Double($0.step) }, y: series.map(\.value), title: label,
                                           color: HouseStyle.category(index))))
        }
        return layers.isEmpty ? nil : Panel(title: panelTitle, xLabel: "generator step", yLabel: yLabel, logY: logY, layers: layers)
    }

    func losses() -> Figure? {
        let losses = lineChart([("d_loss", "discriminator loss"), ("g_loss", "generator loss")], title: "losses", yLabel: "loss")
        let scores = lineChart([("d_real", "D on real"), ("d_fake", "D on generated")], title: "discriminator output", yLabel: spec.objective.hasProbabilityOutput ? "mean D(x)" : "mean critic score")
        let panels = [losses, scores].compactMap { $0 }
        return panels.isEmpty ? nil : Figure(title: "\(title): losses", columns: panels.count, panels: panels)
    }

    func gradients() -> Figure? {
        lineChart([("g_grad_norm", "generator"), ("d_grad_norm", "discriminator")], title: "gradient norms (log scale)",
                  yLabel: "‖∇θ loss‖₂", logY: true).map { Figure(title: "\(title): gradient norms", panel: $0) }
    }

    func modes() -> Figure? {
        let modes = lineChart([("modes", "modes covered")], title: "modes covered", yLabel: "modes")
        let quality = metrics.flatMap { table -> Panel? in
            let series = table.series("high_quality").filter { $0.value.isFinite }
            guard !series.isEmpty else { return nil }
            return Panel(title: "high-quality samples", xLabel: "generator step", yLabel: "% within 3σ of a mode",
                         yRange: 0...100, layers: [.line(LineSeries(x: series.map { Double($0.step) }, y: series.map { $0.value * 100 },
                                                                   title: "high quality", color: HouseStyle.category(2)))])
        }
        let panels = [modes, quality].compactMap { $0 }
        return panels.isEmpty ? nil : Figure(title: "\(title): mode coverage", columns: panels.count, panels: panels)
    }

    /// D's output over the plane, with the real data, the generated samples and G's gradient
    /// arrows (the direction each fake is pushed), as in GAN Lab.
    func surface() -> Figure? {
        guard let step = files.steps("surface").last, let url = files.file("surface", step: step),
              let table = try? SnapshotFiles.columns(url), let x = table["x"], let y = table["y"], let d = table["d"],
              let xLow = x.min(), let xHigh = x.max(), let yLow = y.min(), let yHigh = y.max() else { return nil }
        let columns = Set(x).count, rows = Set(y).count
        guard rows * columns == d.count, rows > 1, columns > 1 else { return nil }
        let probability = spec.objective.hasProbabilityOutput
        var layers: [Layer] = [.heatmap(Heatmap(values: d, rows: rows, columns: columns, x: xLow...xHigh, y: yLow...yHigh,
                                               colorRange: probability ? 0...1 : nil,
                                               colorLabel: probability ? "D(x)" : "critic score",
                                               contourLevels: probability ? [0.5] : []))]
        if let real = files.real {
            layers.append(.scatter(ScatterLayer(x: real.x, y: real.y, title: "real", color: HouseStyle.real, alpha: 0.5, pointSize: 0.4)))
        }
        if let fake = files.points("samples", step: step) {
            layers.append(.scatter(ScatterLayer(x: fake.x, y: fake.y, title: "generated", color: HouseStyle.fake, alpha: 0.5, pointSize: 0.4)))
        }
        if let arrowsURL = files.file("gradients", step: step), let arrows = try? SnapshotFiles.columns(arrowsURL),
           let ax = arrows["x"], let ay = arrows["y"], let dx = arrows["dx"], let dy = arrows["dy"] {
            let longest = zip(dx, dy).map { ($0 * $0 + $1 * $1).squareRoot() }.filter(\.isFinite).max() ?? 0
            let scale = longest > 0 ? 0.08 * Swift.max(xHigh - xLow, yHigh - yLow) / longest : 1
            layers.append(.vectors(VectorField(x: ax, y: ay, dx: dx, dy: dy, scale: scale, title: "generator gradient")))
        }
        let name = probability ? "discriminator D(x)" : "critic"
        return Figure(title: "\(title): \(name) at step \(step)",
                      panel: Panel(xLabel: "x", yLabel: "y", xRange: xLow...xHigh, yRange: yLow...yHigh, legend: .outside,
                                   equalAspect: true, grid: false, layers: layers))
    }

    /// A histogram of the critic's weights (not biases) from the run's last checkpoint:
    /// under WGAN's weight clipping they pile up at ±c.
    func weights(checkpoint: URL) -> Figure? {
        guard let loaded = try? Checkpoint.load(from: checkpoint) else { return nil }
        let values = loaded.tensors.filter { $0.key.hasPrefix("discriminator.") && $0.key.hasSuffix("weight") }
            .sorted { $0.key < $1.key }.flatMap { $0.value.scalars.map(Double.init) }
        guard !values.isEmpty else { return nil }
        return Figure(title: "\(title): critic weights at the end", panel: Panel(
            xLabel: "weight value", yLabel: "count", legend: .hidden,
            layers: [.histogram(Histogram(values: values, binCount: 60, title: "weights", color: HouseStyle.category(0)))]))
    }
}
