/// Small images (grayscale or RGB) tiled in a grid, with optional row and column labels,
/// e.g. generated samples, one row per class.
///
/// Images are laid out row-major: image `i` is in row `i / columns`, column `i % columns`.
public struct ImageGrid: Sendable {
    /// One image; pixel values are in 0…1 (clamped), row-major from the top-left pixel.
    public struct Image: Sendable {
        public var width: Int
        public var height: Int
        /// 1 (grayscale) or 3 (RGB, interleaved `r g b r g b …`).
        public var channels: Int
        public var pixels: [Float]

        public init(width: Int, height: Int, channels: Int = 1, pixels: [Float]) {
            self.width = width
            self.height = height
            self.channels = channels
            self.pixels = pixels
        }

        /// A grayscale image.
        public static func gray(width: Int, height: Int, pixels: [Float]) -> Image {
            Image(width: width, height: height, channels: 1, pixels: pixels)
        }

        /// An RGB image with interleaved channels.
        public static func rgb(width: Int, height: Int, pixels: [Float]) -> Image {
            Image(width: width, height: height, channels: 3, pixels: pixels)
        }
    }

    public var images: [Image]
    public var columns: Int
    /// Labels left of each row; empty for none.
    public var rowLabels: [String]
    /// Labels above each column; empty for none.
    public var columnLabels: [String]
    /// Gap between images, in image pixels.
    public var padding: Int
    public var background: RGBColor

    public init(images: [Image], columns: Int, rowLabels: [String] = [], columnLabels: [String] = [],
                padding: Int = 2, background: RGBColor = RGBColor(hex: 0xFFFFFF)) {
        self.images = images
        self.columns = columns
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.padding = padding
        self.background = background
    }

    /// Number of image rows.
    public var rows: Int { columns > 0 ? (images.count + columns - 1) / columns : 0 }
}
