import Foundation
import MinimaxPlot
import Testing

/// Renders through the real gnuplot (installed by scripts/setup.sh) and inspects the images.
@Suite struct GnuplotTests {
    /// A scatter of big opaque points in the house "real" colour, 400x300.
    private func scatterFigure(title: String = "real points") -> Figure {
        let xs = (0..<50).map { Double($0) / 10 }
        return Figure(width: 400, height: 300, panel: Panel(title: title, layers: [
            .scatter(ScatterLayer(x: xs, y: xs.map { $0 * $0 }, title: "real", color: HouseStyle.real, pointSize: 2)),
        ]))
    }

    @Test func rendersAPNGOfTheRequestedSizeWithTheRequestedColours() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let image = try Gnuplot().render(scatterFigure(), name: "scatter", in: folder.url)
        #expect(image == folder.url.appendingPathComponent("scatter.png"))
        let png = try DecodedPNG(contentsOf: image)
        #expect(png.width == 400 && png.height == 300)
        // A blank (single-colour) image has variance 0; text, axes and points give far more.
        #expect(png.luminanceVariance > 100)
        // The interiors of 50 filled circles are exactly HouseStyle.real (#0072b2).
        #expect(png.count(red: 0x00, green: 0x72, blue: 0xB2) > 200)
        #expect(Set(folder.allFileNames()) == ["scatter.gp", "scatter-1.dat", "scatter.png"])
    }

    @Test func scriptReRendersFromItsOwnFolder() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let image = try Gnuplot().render(scatterFigure(), name: "again", in: folder.url)
        try FileManager.default.removeItem(at: image)
        // As a student would: cd charts && gnuplot again.gp (data found by relative path).
        try Gnuplot().run(script: folder.url.appendingPathComponent("again.gp"))
        #expect(try DecodedPNG.size(of: Data(contentsOf: image)) == (400, 300))
    }

    @Test func rendersThroughStandardInputToo() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let image = try Gnuplot(input: .standardInput).render(scatterFigure(), name: "piped", in: folder.url)
        #expect(try DecodedPNG(contentsOf: image).luminanceVariance > 100)
    }

    @Test func rendersSVG() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let image = try Gnuplot().render(scatterFigure(), name: "vector", in: folder.url, format: .svg)
        let text = try String(contentsOf: image, encoding: .utf8)
        #expect(image.lastPathComponent == "vector.svg")
        #expect(text.contains("<svg"))
        #expect(text.contains("width=\"400\""))
        #expect(text.contains("real points"))
    }

    @Test func rendersAnAnimatedGIFWithOneFramePerFigure() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let frames = (0..<4).map { scatterFigure(title: "frame \($0)") }
        let image = try Gnuplot().render(Animation(frames: frames, delay: 20), name: "evolution", in: folder.url)
        let gif = try GIFFrames(contentsOf: image)
        #expect(gif.width == 400 && gif.height == 300)
        #expect(gif.frameCount == 4)
    }

    @Test func hostileStringsStayText() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let hostile = [
            "x'; system('touch pwned'); '",
            "\"; system(\"touch pwned\"); \"",
            "`touch pwned`",
            "a\nEOD\nsystem('touch pwned')\nprint 'b",
            "back\\slash'\r\n!touch pwned",
        ]
        let layers: [Layer] = [
            .line(LineSeries(x: [0, 1], y: [0, 1], title: hostile[0])),
            .scatter(ScatterLayer(x: [0.5], y: [0.5], title: hostile[1])),
            .text(Annotation(hostile[2], x: 0.2, y: 0.8)),
        ]
        let figure = Figure(title: hostile[3], width: 480, height: 360, panels: [
            Panel(title: hostile[4], xLabel: hostile[0], yLabel: hostile[1], layers: layers),
            Panel(title: hostile[2], layers: [
                .bars(BarChart(categories: hostile, series: [.init(title: hostile[3], values: [1, 2, 3, 4, 5])])),
            ]),
            Panel(layers: [
                .heatmap(Heatmap(values: [0, 1, 2, 3], rows: 2, columns: 2, x: 0...1, y: 0...1, colorLabel: hostile[0],
                                 contourLevels: [1.5])),
            ]),
            Panel(layers: [
                .image(ImageGrid(images: [.gray(width: 2, height: 2, pixels: [0, 1, 1, 0])], columns: 1,
                                 rowLabels: [hostile[3]], columnLabels: [hostile[4]])),
            ]),
        ])
        let image = try Gnuplot().render(figure, name: "hostile", in: folder.url)
        #expect(try DecodedPNG(contentsOf: image).luminanceVariance > 100)
        #expect(!folder.allFileNames().contains("pwned"))
        #expect(!FileManager.default.fileExists(atPath: "pwned"))
        let script = try String(contentsOf: folder.url.appendingPathComponent("hostile.gp"), encoding: .utf8)
        #expect(script.contains("title 'x''; system(''touch pwned''); '''"))
        #expect(!script.contains("\nEOD"))
    }

    /// The check above can fail: the same payload outside quotes does create the file, in the
    /// chart folder (gnuplot's working directory).
    @Test func unquotedPayloadWouldRunInTheChartFolder() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let script = folder.url.appendingPathComponent("unsafe.gp")
        try Data("set title ''; system('touch pwned'); ''\n".utf8).write(to: script)
        // The trailing '' is then an invalid command, but system() has already run.
        #expect(throws: GnuplotError.self) { try Gnuplot().run(script: script) }
        #expect(folder.allFileNames().contains("pwned"))
    }

    @Test func missingGnuplotStillWritesTheScriptAndSaysHowToInstall() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let gnuplot = Gnuplot(executable: folder.url.appendingPathComponent("no-such-gnuplot"))
        #expect(!gnuplot.isAvailable)
        let error = try #require(throws: GnuplotError.self) {
            try gnuplot.render(scatterFigure(), name: "later", in: folder.url)
        }
        let script = folder.url.appendingPathComponent("later.gp")
        #expect(error == .notInstalled(script: script))
        #expect(error.description.contains("apt-get install gnuplot-nox"))
        #expect(error.description.contains("gnuplot later.gp"))
        #expect(Set(folder.allFileNames()) == ["later.gp", "later-1.dat"])
    }

    @Test func gnuplotErrorsNameTheScriptAndQuoteStderr() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let script = folder.url.appendingPathComponent("broken.gp")
        try Data("set terminal pngcairo\nset output 'broken.png'\nplot 'missing.dat' using 1:2\n".utf8).write(to: script)
        for input in [Gnuplot.ScriptInput.path, .standardInput] {
            let error = try #require(throws: GnuplotError.self) { try Gnuplot(input: input).run(script: script) }
            #expect(error.description.contains(script.path))
            #expect(error.description.contains("missing.dat"))
        }
    }
}
