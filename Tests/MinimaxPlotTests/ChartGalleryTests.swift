import Foundation
import MinimaxPlot
import Testing

@Suite struct ChartGalleryTests {
    @Test func rendersEveryExampleAsANonBlankImage() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let images = try ChartGallery.render(into: folder.url)
        let stills = ChartGallery.figures()
        #expect(images.map(\.lastPathComponent) == stills.map { $0.name + ".png" } + ["lines-svg.svg", "animation.gif"])
        for (url, still) in zip(images, stills) {
            let png = try DecodedPNG(contentsOf: url)
            #expect(png.width == still.figure.width && png.height == still.figure.height, "\(url.lastPathComponent)")
            #expect(png.luminanceVariance > 100, "\(url.lastPathComponent) looks blank")
            #expect(FileManager.default.fileExists(atPath: url.deletingPathExtension().appendingPathExtension("gp").path))
        }
        #expect(try GIFFrames(contentsOf: images[images.count - 1]).frameCount == 10)
        #expect(try String(contentsOf: images[images.count - 2], encoding: .utf8).contains("<svg"))
    }
}
