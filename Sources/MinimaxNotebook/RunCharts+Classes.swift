import Foundation
import MinimaxPlot

/// The class histogram of an image run over training, from `snapshots/classes-<step>.csv`
/// (`class,count,fraction,data_fraction`, written by the trainer at every snapshot).
extension RunCharts {
    /// The shares of one `classes-<step>.csv`: generated (`fraction`) and real (`data_fraction`), by class.
    func classShares(step: Int) -> (generated: [Double], data: [Double])? {
        guard let url = files.file("classes", step: step), let table = try? SnapshotFiles.columns(url),
              let generated = table["fraction"], let data = table["data_fraction"],
              !generated.isEmpty, generated.count == data.count else { return nil }
        return (generated, data)
    }

    /// Snapshot steps whose class histograms form a regular grid for the heatmap: the steps
    /// after 0 (the untrained generator), spaced like the first two; a last step off that
    /// spacing (a run whose length is not a multiple of snapshot_every) is left out.
    func classHeatmapSteps() -> [Int] {
        let steps = files.steps("classes").filter { $0 > 0 }
        guard steps.count >= 2 else { return steps }
        let spacing = steps[1] - steps[0]
        return steps.enumerated().prefix { index, step in step == steps[0] + index * spacing }.map(\.element)
    }

    /// Two panels: the share of generated samples per class at every snapshot (a heatmap with
    /// the class on y and the step on x), and the last snapshot's shares next to the data's (bars).
    func classHistogram() -> Figure? {
        let names = spec.data.classNames
        guard !names.isEmpty, let last = files.steps("classes").last, let final = classShares(step: last),
              final.generated.count == names.count else { return nil }
        var panels: [Panel] = []
        let steps = classHeatmapSteps()
        let shares = steps.compactMap { classShares(step: $0)?.generated }
        if steps.count >= 2, shares.count == steps.count, shares.allSatisfy({ $0.count == names.count }) {
            // Heatmap values are row-major with row 0 at the bottom: row = class, column = step.
            let values = (0..<names.count).flatMap { label in shares.map { $0[label] } }
            let heatmap = Heatmap(values: values, rows: names.count, columns: steps.count,
                                  x: Double(steps[0])...Double(steps[steps.count - 1]), y: 0...Double(names.count - 1),
                                  colorRange: 0...Swift.max(values.max() ?? 1, 1e-9))
            panels.append(Panel(title: "share of generated samples per class", xLabel: "generator step", yLabel: "class (label)",
                                legend: .hidden, grid: false, layers: [.heatmap(heatmap)]))
        }
        let bars = BarChart(categories: names, series: [
            .init(title: "real data", values: final.data, color: HouseStyle.real),
            .init(title: "generated, step \(last)", values: final.generated, color: HouseStyle.fake),
        ])
        panels.append(Panel(title: "class shares at step \(last)", yLabel: "share of samples",
                            yRange: 0...Swift.max(0.2, ((final.generated + final.data).max() ?? 0) * 1.1),
                            legend: .below, layers: [.bars(bars)]))
        return Figure(title: "\(title): classes the classifier sees in the generated samples", columns: panels.count, panels: panels)
    }
}
