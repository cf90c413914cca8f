import Foundation
import MinimaxPlot

/// The evaluation metrics of an image run over training (`metrics.csv`, one panel per metric
/// the run has; see `GANTrainer+ImageEvaluation` for the columns).
extension RunCharts {
    func imageEvaluation() -> Figure? {
        let classCount = Double(spec.data.classNames.count)
        var panels: [Panel] = []
        if let panel = lineChart([("classes", "classes covered")], title: "classes covered (≥ 1% of samples)", yLabel: "classes") {
            panels.append(fixed(panel, 0...Swift.max(classCount, 1)))
        }
        if let panel = lineChart([("modes", "modes covered")], title: "Stacked MNIST modes covered (of 1,000)", yLabel: "modes") {
            panels.append(fixed(panel, 0...1000))
        }
        if let panel = lineChart([("class_kl", "KL(generated ‖ data)"), ("reverse_kl", "KL(generated ‖ uniform)")],
                                 title: "KL of the class histogram", yLabel: "nats") {
            panels.append(fromZero(panel))
        }
        if var panel = lineChart([("frechet", "generated vs real")], title: "classifier Fréchet distance (log scale)",
                                 yLabel: "distance to real features", logY: true) {
            if let floor = realFrechetFloor, floor > 0, let steps = metrics?.series("frechet").map(\.step), let first = steps.first, let last = steps.last {
                panel.layers.append(.line(LineSeries(x: [Double(first), Double(last)], y: [floor, floor], title: "real vs other real images",
                                                     color: HouseStyle.real, dash: .dashed)))
            }
            panels.append(headroomForTheKey(panel))
        }
        if let panel = lineChart([("conditional_accuracy", "conditional accuracy")], title: "classified as the requested class",
                                 yLabel: "fraction") {
            panels.append(fixed(panel, 0...1))
        }
        guard !panels.isEmpty else { return nil }
        return Figure(title: "\(title): evaluation over training", columns: Swift.min(panels.count, 2), panels: panels)
    }

    /// `frechet_real_vs_real` of the run's `image-evaluation.json`: the classifier Fréchet
    /// distance between two sets of real images, the floor a generator can reach.
    var realFrechetFloor: Double? {
        let url = files.folder.url.appendingPathComponent("image-evaluation.json")
        guard let data = try? Data(contentsOf: url),
              let record = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let text = record["frechet_real_vs_real"] as? String else { return nil }
        return Double(text)
    }

    /// One series on a fixed y range: no legend needed.
    private func fixed(_ panel: Panel, _ range: ClosedRange<Double>) -> Panel {
        var panel = panel
        panel.yRange = range
        panel.legend = .hidden
        return panel
    }

    /// The y values of the panel's lines, and how many of them have a legend entry.
    private func lineValues(_ panel: Panel) -> (values: [Double], titled: Int) {
        var values: [Double] = [], titled = 0
        for case .line(let series) in panel.layers {
            values += series.y
            if series.title != nil { titled += 1 }
        }
        return (values, titled)
    }

    /// The y axis from 0 (a KL is never negative) to above the largest value. A single series
    /// needs no legend (the panel title names it); with several, the axis ends far enough above
    /// the data that the legend (top right, opaque) covers no line: a KL near ln 10 runs along
    /// the top.
    private func fromZero(_ panel: Panel) -> Panel {
        var panel = panel
        let (values, titled) = lineValues(panel)
        let highest = values.max() ?? 1
        panel.legend = titled > 1 ? .topRight : .hidden
        panel.yRange = 0...Swift.max(highest * (titled > 1 ? 1.5 : 1.1), 1e-3)
        return panel
    }

    /// A log axis from the decade below the smallest value to one decade above the decade of
    /// the largest, so the legend (top right) sits in that empty decade, over no line.
    private func headroomForTheKey(_ panel: Panel) -> Panel {
        var panel = panel
        let values = lineValues(panel).values.filter { $0 > 0 && $0.isFinite }
        guard let low = values.min(), let high = values.max() else { return panel }
        panel.yRange = Foundation.pow(10, (Foundation.log10(low)).rounded(.down))...Foundation.pow(10, (Foundation.log10(high)).rounded(.up) + 1)
        return panel
    }
}
