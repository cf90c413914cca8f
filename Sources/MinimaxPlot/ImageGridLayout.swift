/// Where each image of an `ImageGrid` goes on one RGB canvas: every cell has the size of the
/// largest image, cells are separated by `padding` pixels, images sit at their cell's top left.
struct ImageGridLayout {
    let grid: ImageGrid
    let cellWidth: Int
    let cellHeight: Int
    let width: Int
    let height: Int

    init(_ grid: ImageGrid) {
        self.grid = grid
        cellWidth = grid.images.map(\.width).max() ?? 1
        cellHeight = grid.images.map(\.height).max() ?? 1
        let columns = min(grid.columns, max(grid.images.count, 1))
        width = columns * cellWidth + (columns - 1) * grid.padding
        height = grid.rows * cellHeight + (grid.rows - 1) * grid.padding
    }

    /// Horizontal centre of column `column`, in canvas pixels.
    func columnCenter(_ column: Int) -> Double {
        Double(column * (cellWidth + grid.padding)) + Double(cellWidth - 1) / 2
    }

    /// Vertical centre of row `row`, in canvas pixels from the top.
    func rowCenter(_ row: Int) -> Double {
        Double(row * (cellHeight + grid.padding)) + Double(cellHeight - 1) / 2
    }

    /// The canvas as interleaved 8-bit RGB, top row first.
    func canvas() -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: 3 * width * height)
        let background = [grid.background.red, grid.background.green, grid.background.blue]
        pixels.withUnsafeMutableBufferPointer { out in
            for i in 0..<(width * height) {
                out[3 * i] = background[0]
                out[3 * i + 1] = background[1]
                out[3 * i + 2] = background[2]
            }
            for (index, image) in grid.images.enumerated() {
                let left = (index % grid.columns) * (cellWidth + grid.padding)
                let top = (index / grid.columns) * (cellHeight + grid.padding)
                image.pixels.withUnsafeBufferPointer { source in
                    for y in 0..<image.height {
                        for x in 0..<image.width {
                            let target = 3 * ((top + y) * width + left + x)
                            let sourceIndex = (y * image.width + x) * image.channels
                            for channel in 0..<3 {
                                let value = source[sourceIndex + (image.channels == 3 ? channel : 0)]
                                out[target + channel] = Self.byte(value)
                            }
                        }
                    }
                }
            }
        }
        return pixels
    }

    /// 0…1 to 0…255, clamped; NaN becomes 0.
    private static func byte(_ value: Float) -> UInt8 {
        guard value.isFinite else { return value == .infinity ? 255 : 0 }
        return UInt8((min(max(value, 0), 1) * 255).rounded())
    }
}
