import Foundation
import MinimaxPlot
import Testing

@Suite struct ChartWriterTests {
    private func line(band: LineSeries.Band? = nil) -> Figure {
        Figure(title: "Training", panel: Panel(
            title: "D's loss", xLabel: "step", yLabel: "loss", yRange: 0...2, logX: false,
            layers: [.line(LineSeries(x: [0, 1], y: [1, 0.5], title: "D's loss", band: band))]))
    }

    @Test func lineChartScriptIsReadableAndQuoted() throws {
        let files = try ChartWriter.files(for: line(band: .standardDeviation([0.1, 0.2])), name: "loss")
        #expect(files.scriptFileName == "loss.gp")
        #expect(files.outputFileName == "loss.png")
        let script = files.script
        #expect(script.contains("set terminal pngcairo size 960,720 font 'DejaVu Sans,14' noenhanced"))
        #expect(script.contains("set output 'loss.png'\n"))
        #expect(script.contains("set multiplot layout 1,1 title 'Training'"))
        #expect(script.contains("set title 'D''s loss'"))
        #expect(script.contains("set xlabel 'step'\n"))
        #expect(script.contains("set yrange [0:2]\n"))
        #expect(script.contains("'loss-1.dat' using 1:3:4 with filledcurves"))
        #expect(script.contains("'loss-1.dat' using 1:2 with lines linecolor rgb '#0072b2'"))
        #expect(script.contains("title 'D''s loss'\n"))
        #expect(script.hasSuffix("unset multiplot\n\nunset output\n"))
        // y ± std in columns 3 and 4, numbers in %.7g.
        #expect(files.dataFiles == [.init(name: "loss-1.dat", contents: "# x y y-std y+std\n0 1 0.9 1.1\n1 0.5 0.3 0.7\n")])
    }

    @Test func sameInputsGiveByteIdenticalFiles() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory()
        defer { first.remove(); second.remove() }
        let figure = try #require(ChartGallery.figures().first { $0.name == "heatmap" }).figure
        try ChartWriter.files(for: figure, name: "surface").write(to: first.url)
        try ChartWriter.files(for: figure, name: "surface").write(to: second.url)
        let names = first.allFileNames().sorted()
        #expect(names == ["surface-1.dat", "surface-2.dat", "surface.gp"])
        #expect(names == second.allFileNames().sorted())
        for name in names {
            let a = try Data(contentsOf: first.url.appendingPathComponent(name))
            let b = try Data(contentsOf: second.url.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between two writes")
        }
    }

    @Test func svgUsesTheSVGTerminal() throws {
        let files = try ChartWriter.files(for: line(), name: "loss", format: .svg)
        #expect(files.outputFileName == "loss.svg")
        #expect(files.script.contains("set terminal svg size 960,720 font 'DejaVu Sans,14'"))
        #expect(files.script.contains("set output 'loss.svg'\n"))
    }

    @Test func heatmapWritesAGridAndAContourTablePass() throws {
        let heatmap = Heatmap(values: [0, 1, 2, 3, 4, 5], rows: 2, columns: 3, x: 0...2, y: 10...11,
                              colorLabel: "D(x)", contourLevels: [0.5, 2.5])
        let files = try ChartWriter.files(for: Figure(panel: Panel(layers: [.heatmap(heatmap)])), name: "h")
        // Row 0 at y = 10, a blank line after each grid row.
        #expect(files.dataFiles == [.init(name: "h-1.dat", contents: "# x y value\n0 10 0\n1 10 1\n2 10 2\n\n0 11 3\n1 11 4\n2 11 5\n\n")])
        let script = files.script
        #expect(script.contains("set cntrparam levels discrete 0.5, 2.5\n"))
        #expect(script.contains("set table 'h-1-contours.dat'\nsplot 'h-1.dat' using 1:2:3 notitle\nunset table\n"))
        #expect(script.contains("'h-1.dat' using 1:2:3 with image notitle"))
        #expect(script.contains("'h-1-contours.dat' using 1:2 with lines"))
        #expect(script.contains("set cblabel 'D(x)'"))
        // Tight axes: half a cell beyond the first and last centres.
        #expect(script.contains("set xrange [-0.5:2.5]\n"))
        #expect(script.contains("set yrange [9.5:11.5]\n"))
        // The contour pass comes before the plot that uses it.
        let table = try #require(script.range(of: "set table"))
        let plot = try #require(script.range(of: "\nplot "))
        #expect(table.lowerBound < plot.lowerBound)
    }

    @Test func barCategoriesAreQuotedTicsAndDataHoldsOnlyNumbers() throws {
        let chart = BarChart(categories: ["baseline", "D's trick"], series: [
            .init(title: "a", values: [1, 2]), .init(title: "b", values: [3, 4]),
        ])
        let files = try ChartWriter.files(for: Figure(panel: Panel(layers: [.bars(chart)])), name: "bars")
        #expect(files.script.contains("set xtics ('baseline' 0, 'D''s trick' 1)\n"))
        // Two series side by side: bars 0.4 wide, centred 0.2 left and right of each category.
        #expect(files.dataFiles.map(\.contents) == ["# x value\n-0.2 1\n0.8 2\n", "# x value\n0.2 3\n1.2 4\n"])
        #expect(files.script.contains("using 1:2:(0.4) with boxes"))
    }

    @Test func scatterAlphaBecomesGnuplotTransparency() throws {
        let scatter = ScatterLayer(x: [1], y: [2], title: "real", color: HouseStyle.real, alpha: 0.25)
        let files = try ChartWriter.files(for: Figure(panel: Panel(layers: [.scatter(scatter)])), name: "s")
        // gnuplot's AA byte is transparency: 255 · (1 − 0.25) = 191 = 0xbf.
        #expect(files.script.contains("linecolor rgb '#bf0072b2' notitle"))
        // The legend marker is opaque.
        #expect(files.script.contains("keyentry with points pointtype 7 pointsize 1.2 linecolor rgb '#0072b2' title 'real'"))
    }

    @Test func imageGridIsOneRGBCanvasWithTheTopRowFirst() throws {
        // Two 1x2 gray images side by side with 1 pixel of white padding: canvas 3x2.
        let images: [ImageGrid.Image] = [.gray(width: 1, height: 2, pixels: [0, 1]), .gray(width: 1, height: 2, pixels: [0.5, 2])]
        let grid = ImageGrid(images: images, columns: 2, rowLabels: ["digits"], columnLabels: ["a", "b"], padding: 1)
        let files = try ChartWriter.files(for: Figure(panel: Panel(layers: [.image(grid)])), name: "g")
        // Top pixel row (y = 1): 0, white padding, 0.5 → 128; bottom row: 1, padding, 2 clamped to 1.
        #expect(files.dataFiles.first?.contents
            == "# x y red green blue\n0 1 0 0 0\n1 1 255 255 255\n2 1 128 128 128\n\n0 0 255 255 255\n1 0 255 255 255\n2 0 255 255 255\n\n")
        #expect(files.script.contains("set label 'digits' at first -0.5, first 0.5 right"))
        #expect(files.script.contains("set label 'b' at first 2, first 1.5 center"))
        #expect(files.script.contains("with rgbimage notitle"))
    }

    @Test func animationHasOneFramePerFigureAndSharesIdenticalData() throws {
        let real = Layer.scatter(ScatterLayer(x: [0, 1], y: [0, 1], title: "real"))
        let frames = (0..<3).map { step in
            Figure(width: 320, height: 240, panel: Panel(title: "step \(step)", layers: [
                real, .scatter(ScatterLayer(x: [Double(step)], y: [0], title: "fake", color: HouseStyle.fake)),
            ]))
        }
        let files = try ChartWriter.files(for: Animation(frames: frames, delay: 25), name: "evolution")
        #expect(files.outputFileName == "evolution.gif")
        #expect(files.script.contains("set terminal gif animate delay 25 loop 0 size 320,240"))
        #expect(files.script.components(separatedBy: "\nplot ").count - 1 == 3)
        // The real points are written once and reused by every frame.
        #expect(files.dataFiles.count == 4)
        #expect(files.script.components(separatedBy: "'evolution-1.dat' using").count - 1 == 3)
    }

    @Test(arguments: ["", "../escape", "a b", "x'; system('touch pwned'); '", "-flag", "name/with/slash"])
    func rejectsNamesThatAreNotPlainFileNames(name: String) {
        #expect(throws: ChartError.self) { try ChartWriter.files(for: line(), name: name) }
    }

    @Test func mismatchedDataIsAnErrorNamingTheLayer() {
        let figure = Figure(panel: Panel(layers: [
            .text(Annotation("note", x: 0, y: 0)),
            .line(LineSeries(x: [0, 1, 2], y: [1, 2])),
        ]))
        #expect(throws: ChartError("chart 'bad', panel 1, layer 2: line has 3 x values but 2 y values")) {
            try ChartWriter.files(for: figure, name: "bad")
        }
        let logPanel = Panel(xRange: 0...10, logX: true, layers: [])
        #expect(throws: ChartError.self) { try ChartWriter.files(for: Figure(panel: logPanel), name: "log") }
    }

    @Test func defaultSizeGrowsWithThePanelLayout() {
        let panel = Panel(layers: [])
        let one = Figure(panel: panel)
        #expect((one.width, one.height) == (HouseStyle.width, HouseStyle.height))
        let four = Figure(panels: [panel, panel, panel, panel])
        #expect(four.layout == (rows: 2, columns: 2))
        #expect((four.width, four.height) == (1280, 960))
        let three = Figure(columns: 3, panels: [panel, panel, panel])
        #expect(three.layout == (rows: 1, columns: 3))
    }

    @Test func annotationOnlyPanelStillPlots() throws {
        let figure = Figure(panel: Panel(layers: [.text(Annotation("hello", x: 0.5, y: 0.5, alignment: .center))]))
        let script = try ChartWriter.files(for: figure, name: "note").script
        #expect(script.contains("set label 'hello' at first 0.5, first 0.5 center"))
        #expect(script.contains("set xrange [0:1]\nset yrange [0:1]\n"))
        #expect(script.contains("plot \\\n    NaN notitle\n"))
    }

    @Test func laterPanelsUndoEarlierPanelSettings() throws {
        let images = Panel(layers: [.image(ImageGrid(images: [.gray(width: 1, height: 1, pixels: [1])], columns: 1))])
        let plain = Panel(layers: [.line(LineSeries(y: [1, 2]))])
        let script = try ChartWriter.files(for: Figure(panels: [images, plain]), name: "two").script
        let second = try #require(script.components(separatedBy: "# ---- Panel 2 of 2").last)
        // The image panel hid tics, border and grid and fixed the aspect ratio; the line panel gets the house style back.
        for line in ["unset label", "set autoscale", "set size noratio", "set border 3", "set xtics autofreq",
                     "set tics nomirror out scale 0.75", "set grid xtics ytics"] {
            #expect(second.contains(line), "missing \(line)")
        }
    }
}
