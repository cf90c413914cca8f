import Foundation

/// One example of every chart type, drawn from fixed synthetic data: the visual reference for
/// the house style and a smoke test of the gnuplot pipeline (`minimax gallery`).
public enum ChartGallery {
    /// Renders every example into `directory` (scripts and data next to the images) and
    /// returns the image URLs in gallery order.
    public static func render(into directory: URL, gnuplot: Gnuplot = Gnuplot()) throws -> [URL] {
        var urls: [URL] = []
        for (name, figure) in figures() {
            urls.append(try gnuplot.render(figure, name: name, in: directory))
        }
        urls.append(try gnuplot.render(lineChart(), name: "lines-svg", in: directory, format: .svg))
        urls.append(try gnuplot.render(animation(), name: "animation", in: directory))
        return urls
    }

    /// The still examples, by file name.
    public static func figures() -> [(name: String, figure: Figure)] {
        [
            ("lines", lineChart()),
            ("scatter", scatterChart()),
            ("heatmap", heatmapChart()),
            ("vectors", vectorChart()),
            ("bars", barChart()),
            ("histogram", histogramChart()),
            ("images-gray", grayImageChart()),
            ("images-rgb", rgbImageChart()),
            ("log-axes", logAxesChart()),
            ("panels", multiPanelChart()),
        ]
    }

    // MARK: - Examples

    static func lineChart() -> Figure {
        let steps = Array(stride(from: 0.0, through: 2000, by: 20))
        var random = GalleryRandom(seed: 1)
        let first = steps.map { 0.7 + 0.6 * exp(-$0 / 400) + 0.05 * random.normal() }
        let second = steps.map { 1.4 - 0.6 * exp(-$0 / 300) + 0.08 * sin($0 / 90) }
        let spread = steps.map { 0.05 + 0.1 * exp(-$0 / 800) }
        let lower = zip(second, spread).map { $0 - 2 * $1 }
        let upper = zip(second, spread).map { $0 + 1.5 * $1 }
        return Figure(panel: Panel(
            title: "Line series with bands", xLabel: "step", yLabel: "loss", yRange: 0.4...2,
            layers: [
                .line(LineSeries(x: steps, y: first, title: "series A (mean ± std)", color: HouseStyle.real,
                                 band: .standardDeviation(spread))),
                .line(LineSeries(x: steps, y: second, title: "series B (min-max)", color: HouseStyle.fake,
                                 band: .range(lower: lower, upper: upper))),
                .line(LineSeries(x: [0, 2000], y: [log(4), log(4)], title: "log 4", color: HouseStyle.ink,
                                 width: 1.5, dash: .dashed)),
                .text(Annotation("dashed: log 4 ≈ 1.386", x: 1000, y: 1.65, alignment: .center)),
            ]))
    }

    static func scatterChart() -> Figure {
        var random = GalleryRandom(seed: 2)
        var realX: [Double] = [], realY: [Double] = []
        for i in 0..<800 {
            let angle = Double(i % 8) * Double.pi / 4
            realX.append(2 * cos(angle) + 0.05 * random.normal())
            realY.append(2 * sin(angle) + 0.05 * random.normal())
        }
        var fakeX: [Double] = [], fakeY: [Double] = []
        for _ in 0..<800 {
            fakeX.append(1.3 + 0.35 * random.normal())
            fakeY.append(1.3 + 0.35 * random.normal())
        }
        let groups = (0..<300).map { $0 % 3 }
        let groupX = groups.map { Double($0) * 1.5 + 0.4 * random.normal() }
        let groupY = groups.map { _ in 0.4 * random.normal() }
        return Figure(title: "Scatter layers", columns: 2, panels: [
            Panel(title: "Real and fake, alpha 0.35", xLabel: "x1", yLabel: "x2",
                  xRange: -3...3, yRange: -3...3, legend: .bottomLeft, equalAspect: true, layers: [
                      .scatter(ScatterLayer(x: realX, y: realY, title: "real", color: HouseStyle.real, alpha: 0.35)),
                      .scatter(ScatterLayer(x: fakeX, y: fakeY, title: "fake", color: HouseStyle.fake, alpha: 0.35)),
                  ]),
            Panel(title: "One colour per group", xLabel: "x1", yLabel: "x2", yRange: -1.5...1.6, legend: .topLeft,
                  layers: (try? ScatterLayer.grouped(x: groupX, y: groupY, groups: groups,
                                                     names: ["group 0", "group 1", "group 2"], alpha: 0.6)) ?? []),
        ])
    }

    static func heatmapChart() -> Figure {
        var surface = Heatmap(x: -3...3, y: -3...3, rows: 81, columns: 81, colorLabel: "D(x)",
                              contourLevels: [0.25, 0.5, 0.75]) { x, y in
            1 / (1 + exp(-(1.5 - 0.8 * (x * x + y * y) + 0.6 * x)))
        }
        surface.colorRange = 0...1
        var random = GalleryRandom(seed: 3)
        let xs = (0..<120).map { _ in 0.3 + 0.6 * random.normal() }
        let ys = (0..<120).map { _ in 0.6 * random.normal() }
        return Figure(panel: Panel(
            title: "Heatmap with contours at 0.25, 0.5, 0.75", xLabel: "x1", yLabel: "x2",
            legend: .topRight, equalAspect: true,
            layers: [
                .heatmap(surface),
                .scatter(ScatterLayer(x: xs, y: ys, title: "samples", color: HouseStyle.fake, alpha: 0.8, pointSize: 0.7)),
            ]))
    }

    static func vectorChart() -> Figure {
        var x: [Double] = [], y: [Double] = [], dx: [Double] = [], dy: [Double] = []
        for i in 0..<15 {
            for j in 0..<15 {
                let px = -2 + Double(i) * 4 / 14, py = -2 + Double(j) * 4 / 14
                x.append(px)
                y.append(py)
                // A rotation plus a pull towards the origin: a spiral sink.
                dx.append(-py - 0.3 * px)
                dy.append(px - 0.3 * py)
            }
        }
        let path = (0..<200).map { Double($0) * 0.05 }
        return Figure(panel: Panel(
            title: "Vector field", xLabel: "x", yLabel: "y", xRange: -2.4...2.4, yRange: -2.4...2.4,
            legend: .below, equalAspect: true, layers: [
                .vectors(VectorField(x: x, y: y, dx: dx, dy: dy, scale: 0.09, title: "field")),
                .line(LineSeries(x: path.map { 2 * exp(-0.3 * $0) * cos($0) }, y: path.map { 2 * exp(-0.3 * $0) * sin($0) },
                                 title: "trajectory", color: HouseStyle.fake)),
            ]))
    }

    static func barChart() -> Figure {
        Figure(panel: Panel(
            title: "Grouped bars", yLabel: "modes covered (of 8)", yRange: 0...9, legend: .topLeft,
            layers: [
                .bars(BarChart(categories: ["baseline", "batch norm", "label smoothing", "spectral norm", "unrolled"], series: [
                    BarChart.Series(title: "seed 1", values: [2, 5, 3, 7, 8]),
                    BarChart.Series(title: "seed 2", values: [1, 6, 4, 8, 7]),
                    BarChart.Series(title: "seed 3", values: [3, 4, 3, 8, 8]),
                ])),
            ]))
    }

    static func histogramChart() -> Figure {
        var random = GalleryRandom(seed: 4)
        let first = (0..<4000).map { _ in random.normal() }
        let second = (0..<4000).map { _ in 1.5 + 0.6 * random.normal() }
        let curve = Array(stride(from: -4.0, through: 4, by: 0.05))
        return Figure(panel: Panel(
            title: "Histograms (density)", xLabel: "value", yLabel: "density", legend: .topLeft,
            layers: [
                .histogram(Histogram(values: first, binCount: 40, range: -4...4, normalization: .density,
                                     title: "real", color: HouseStyle.real)),
                .histogram(Histogram(values: second, binCount: 40, range: -4...4, normalization: .density,
                                     title: "fake", color: HouseStyle.fake)),
                .line(LineSeries(x: curve, y: curve.map { exp(-$0 * $0 / 2) / (2 * Double.pi).squareRoot() },
                                 title: "N(0, 1)", color: HouseStyle.ink, width: 2)),
            ]))
    }

    static func grayImageChart() -> Figure {
        let shapes = ["ring", "bar", "cross", "blob"]
        var images: [ImageGrid.Image] = []
        for shape in shapes.indices {
            for column in 0..<8 {
                let angle = Double(column) * Double.pi / 8
                images.append(.gray(width: 28, height: 28, pixels: grayShape(shape, angle: angle)))
            }
        }
        return Figure(width: 960, height: 560, panel: Panel(
            title: "Grayscale image grid",
            layers: [.image(ImageGrid(images: images, columns: 8, rowLabels: shapes,
                                      columnLabels: (0..<8).map { "\(Int(22.5 * Double($0)))°" }))]))
    }

    static func rgbImageChart() -> Figure {
        var images: [ImageGrid.Image] = []
        for index in 0..<12 {
            var pixels = [Float]()
            pixels.reserveCapacity(32 * 32 * 3)
            for y in 0..<32 {
                for x in 0..<32 {
                    let u = Float(x) / 31, v = Float(y) / 31
                    let hue = Float(index) / 12
                    pixels.append(0.5 + 0.5 * Float(sin(Double(6.283 * (hue + u * 0.5)))))
                    pixels.append(v)
                    pixels.append(0.5 + 0.5 * Float(cos(Double(6.283 * (hue + v * 0.5)))))
                }
            }
            images.append(.rgb(width: 32, height: 32, pixels: pixels))
        }
        return Figure(width: 960, height: 440, panel: Panel(
            title: "RGB image grid",
            layers: [.image(ImageGrid(images: images, columns: 6, rowLabels: ["row A", "row B"], padding: 3))]))
    }

    static func logAxesChart() -> Figure {
        let steps = (1...400).map { Double($0) * 25 }
        return Figure(panel: Panel(
            title: "Log axes", xLabel: "step", yLabel: "gradient norm", logX: true, logY: true,
            legend: .bottomLeft,
            layers: [
                .line(LineSeries(x: steps, y: steps.map { 50 / $0.squareRoot() }, title: "∝ step^-1/2", color: HouseStyle.category(0))),
                .line(LineSeries(x: steps, y: steps.map { 400 / $0 }, title: "∝ step^-1", color: HouseStyle.category(1), dash: .dashed)),
                .line(LineSeries(x: steps, y: steps.map { 0.01 * exp(-$0 / 3000) + 1e-3 }, title: "vanishing", color: HouseStyle.category(2), dash: .dotted)),
            ]))
    }

    static func multiPanelChart() -> Figure {
        let line = lineChart().panels[0]
        let scatter = scatterChart().panels[0]
        let histogram = histogramChart().panels[0]
        var bars = barChart().panels[0]
        bars.legend = .hidden
        return Figure(title: "Four panels in one figure", columns: 2, panels: [line, scatter, histogram, bars])
    }

    static func animation() -> Animation {
        var random = GalleryRandom(seed: 5)
        let base = (0..<400).map { _ in (random.normal(), random.normal()) }
        let realX = (0..<400).map { 2 * cos(Double($0 % 8) * Double.pi / 4) + 0.05 * random.normal() }
        let realY = (0..<400).map { 2 * sin(Double($0 % 8) * Double.pi / 4) + 0.05 * random.normal() }
        let frames = (0..<10).map { frame -> Figure in
            // Fake points drift from a blob towards the ring as the frame index grows.
            let t = Double(frame) / 9
            let xs = base.indices.map { (1 - t) * 0.5 * base[$0].0 + t * (realX[$0] + 0.1 * base[$0].0) }
            let ys = base.indices.map { (1 - t) * 0.5 * base[$0].1 + t * (realY[$0] + 0.1 * base[$0].1) }
            return Figure(width: 640, height: 600, panel: Panel(
                title: "Frame \(frame + 1) of 10", xRange: -3...3, yRange: -3...3, legend: .bottomLeft, equalAspect: true,
                layers: [
                    // Fakes first, so the real modes they should cover stay visible on top.
                    .scatter(ScatterLayer(x: xs, y: ys, title: "fake", color: HouseStyle.fake, pointSize: 0.7)),
                    .scatter(ScatterLayer(x: realX, y: realY, title: "real", color: HouseStyle.real, pointSize: 0.5)),
                ]))
        }
        return Animation(frames: frames, delay: 40)
    }

    // MARK: - Synthetic data

    /// A 28x28 shape rotated by `angle`: 0 ring, 1 bar, 2 cross, 3 blob.
    private static func grayShape(_ shape: Int, angle: Double) -> [Float] {
        var pixels = [Float](repeating: 0, count: 28 * 28)
        for y in 0..<28 {
            for x in 0..<28 {
                let px = (Double(x) - 13.5) / 10, py = (Double(y) - 13.5) / 10
                let u = px * cos(angle) + py * sin(angle), v = -px * sin(angle) + py * cos(angle)
                let value: Double
                switch shape {
                case 0: value = exp(-pow((u * u / 1.2 + v * v).squareRoot() - 0.8, 2) / 0.02)
                case 1: value = exp(-v * v / 0.02) * (abs(u) < 1 ? 1 : 0)
                case 2: value = max(exp(-v * v / 0.015), exp(-u * u / 0.015)) * (max(abs(u), abs(v)) < 0.9 ? 1 : 0)
                default: value = exp(-(u * u / 0.5 + v * v / 0.1))
                }
                pixels[y * 28 + x] = Float(value)
            }
        }
        return pixels
    }
}

/// SplitMix64 with Box–Muller normals: fixed example data without depending on the tensor module.
struct GalleryRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return (Double(z >> 11) + 0.5) / Double(1 << 53)
    }

    mutating func normal() -> Double {
        let u1 = uniform(), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
