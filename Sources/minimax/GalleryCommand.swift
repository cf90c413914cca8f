import ArgumentParser
import Foundation
import MinimaxPlot

/// `minimax gallery`: one example of every chart type, to check the house style.
struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery", abstract: "Render one example of every chart type into a folder.")

    @Argument(help: "The folder to write into.")
    var folder: String = ".minimax/gallery"

    func run() throws {
        let urls = try ChartGallery.render(into: URL(fileURLWithPath: folder, isDirectory: true))
        for url in urls { print(url.path) }
    }
}
