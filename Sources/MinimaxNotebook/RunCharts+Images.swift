import Foundation
import MinimaxPlot

/// The charts of an image run (MNIST family): sample grids from the trainer's fixed z, and a
/// conditional GAN's grid with one row per requested class.
extension RunCharts {
    /// Images of `<kind>-<step>.csv` (`images`, `conditional`): a `# N images, CxHxW …` line,
    /// then one image per line, channel-major values in [0, 1].
    func imageSnapshot(_ kind: String = "images", step: Int, limit: Int) -> [ImageGrid.Image]? {
        guard let url = files.file(kind, step: step), let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n")
        guard let header = lines.first, header.hasPrefix("#"),
              let layout = header.split(separator: " ").first(where: { $0.split(separator: "x").count == 3 }) else { return nil }
        let dims = layout.split(separator: "x").compactMap { Int($0) }
        guard dims.count == 3, dims.allSatisfy({ $0 > 0 }), dims[0] == 1 || dims[0] == 3 else { return nil }
        let (channels, height, width) = (dims[0], dims[1], dims[2])
        let plane = height * width
        return lines.dropFirst().prefix(limit).compactMap { line -> ImageGrid.Image? in
            let values = line.split(separator: ",").compactMap { Float($0) }
            guard values.count == channels * plane else { return nil }
            if channels == 1 { return .gray(width: width, height: height, pixels: values) }
            var interleaved = [Float](repeating: 0, count: 3 * plane)
            for c in 0..<3 { for p in 0..<plane { interleaved[3 * p + c] = values[c * plane + p] } }
            return .rgb(width: width, height: height, pixels: interleaved)
        }
    }

    func imagePanel(step: Int, limit: Int, columns: Int, title panelTitle: String? = nil) -> Panel? {
        guard let images = imageSnapshot(step: step, limit: limit), !images.isEmpty else { return nil }
        return Panel(title: panelTitle ?? "step \(step)", legend: .hidden, grid: false,
                     layers: [.image(ImageGrid(images: images, columns: columns))])
    }

    /// The last snapshot's 64 images; the run's name is the figure title and the panel says
    /// what the grid is (a long name would not fit in one line with both).
    func imageSamples() -> Figure? {
        guard let step = files.steps("images").last,
              let panel = imagePanel(step: step, limit: 64, columns: 8, title: "generated samples at step \(step) (fixed z)") else { return nil }
        return Figure(title: title, width: 720, height: 760, panel: panel)
    }

    func imageEvolution() -> Figure? {
        let steps = files.steps("images")
        let chosen = steps.count > 6 ? (0..<6).map { steps[Int((Double($0) * Double(steps.count - 1) / 5).rounded())] } : steps
        let panels = chosen.compactMap { imagePanel(step: $0, limit: 16, columns: 4) }
        guard !panels.isEmpty else { return nil }
        return Figure(title: "\(title): the same z over training", columns: Swift.min(3, panels.count), panels: panels)
    }

    /// The cGAN grid of the last `conditional-<step>.csv`: row y holds G(zⱼ, y), so each row is
    /// one requested class (labelled with its name) and each column shares its z.
    func conditionalSamples() -> Figure? {
        let names = spec.data.classNames
        guard !names.isEmpty, let step = files.steps("conditional").last,
              let images = imageSnapshot("conditional", step: step, limit: Int.max),
              !images.isEmpty, images.count % names.count == 0 else { return nil }
        let columns = images.count / names.count
        let grid = ImageGrid(images: images, columns: columns, rowLabels: names)
        return Figure(title: "\(title): one row per class (step \(step))",
                      width: 160 + 72 * columns, height: 120 + 72 * names.count,
                      panel: Panel(legend: .hidden, grid: false, layers: [.image(grid)]))
    }
}
