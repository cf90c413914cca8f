import Foundation
import MinimaxGAN
import MinimaxPlot

/// Draws a run's charts with gnuplot (`MinimaxPlot`): each chart is `charts/<kind>.png` plus
/// its `.gp` script and data, so a student can open, edit and re-render it.
public struct GnuplotChartRenderer: ChartRendering {
    public let gnuplot: Gnuplot

    public init(gnuplot: Gnuplot = Gnuplot()) {
        self.gnuplot = gnuplot
    }

    public func renderRunCharts(_ charts: [ChartKind], spec: ExperimentSpec, folder: RunFolder) throws -> [String] {
        let builder = RunCharts(spec: spec, folder: folder)
        try FileManager.default.createDirectory(at: folder.charts, withIntermediateDirectories: true)
        var written: [String] = []
        for chart in charts {
            let figure: Figure?
            if spec.data.isImage {
                switch chart {
                case .samples: figure = builder.imageSamples()
                case .evolution: figure = builder.imageEvolution()
                case .modes: figure = builder.modes()
                case .losses: figure = builder.losses()
                case .gradients: figure = builder.gradients()
                case .classes: figure = builder.classHistogram()
                case .conditional: figure = builder.conditionalSamples()
                case .evaluation: figure = builder.imageEvaluation()
                case .surface, .weights: figure = nil
                }
                if let figure { written.append(try gnuplot.render(figure, name: chart.rawValue, in: folder.charts).lastPathComponent) }
                continue
            }
            switch chart {
            case .samples: figure = builder.samples()
            case .evolution:
                figure = builder.evolution()
                if let animation = builder.evolutionAnimation() {
                    written.append(try gnuplot.render(animation, name: "evolution", in: folder.charts).lastPathComponent)
                }
            case .losses: figure = builder.losses()
            case .gradients: figure = builder.gradients()
            case .modes: figure = builder.modes()
            case .surface: figure = builder.surface()
            case .weights: figure = builder.weights(checkpoint: folder.checkpoints.appendingPathComponent("latest.safetensors"))
            case .classes, .conditional, .evaluation: figure = nil
            }
            guard let figure else { continue }
            written.append(try gnuplot.render(figure, name: chart.rawValue, in: folder.charts).lastPathComponent)
        }
        return written
    }

    public func renderComparison(metric: String, curves: [CurveBand], into folder: URL, fileStem: String) throws -> String? {
        let layers: [Layer] = curves.enumerated().compactMap { index, curve in
            guard !curve.steps.isEmpty else { return nil }
            let showBand = curve.std.contains { $0 > 0 }
            return .line(LineSeries(x: curve.steps.map(Double.init), y: curve.mean, title: curve.label,
                                    color: HouseStyle.category(index),
                                    band: showBand ? .range(lower: curve.lower, upper: curve.upper) : nil))
        }
        guard !layers.isEmpty else { return nil }
        let figure = Figure(title: "\(metric) over training (mean ± std over seeds, within their range)",
                            panel: Panel(xLabel: "generator step", yLabel: metric, legend: .outside, layers: layers))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try gnuplot.render(figure, name: fileStem, in: folder).lastPathComponent
    }
}
