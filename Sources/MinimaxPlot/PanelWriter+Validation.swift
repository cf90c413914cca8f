extension PanelWriter {
    /// Checks that a panel's data is consistent before anything is written; the error names
    /// the chart, panel and layer.
    static func validate(_ panel: Panel, where place: String) throws {
        for (range, axis, log) in [(panel.xRange, "x", panel.logX), (panel.yRange, "y", panel.logY)] {
            guard let range else { continue }
            guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
                throw ChartError("\(place): \(axis) range \(range) must be finite and non-empty")
            }
            if log, range.lowerBound <= 0 {
                throw ChartError("\(place): \(axis) range \(range) must be positive on a log axis")
            }
        }
        for (index, layer) in panel.layers.enumerated() {
            try validate(layer, where: "\(place), layer \(index + 1)")
        }
    }

    private static func validate(_ layer: Layer, where place: String) throws {
        func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
            if !condition { throw ChartError("\(place): \(message())") }
        }
        switch layer {
        case .line(let series):
            try require(series.x.count == series.y.count, "line has \(series.x.count) x values but \(series.y.count) y values")
            switch series.band {
            case .range(let lower, let upper)?:
                try require(lower.count == series.x.count && upper.count == series.x.count,
                            "band has \(lower.count) lower and \(upper.count) upper values for \(series.x.count) points")
            case .standardDeviation(let std)?:
                try require(std.count == series.x.count, "band has \(std.count) std values for \(series.x.count) points")
            case nil: break
            }
        case .scatter(let scatter):
            try require(scatter.x.count == scatter.y.count, "scatter has \(scatter.x.count) x values but \(scatter.y.count) y values")
        case .heatmap(let heatmap):
            try require(heatmap.rows >= 1 && heatmap.columns >= 1, "heatmap needs at least one row and column")
            try require(heatmap.values.count == heatmap.rows * heatmap.columns,
                        "heatmap has \(heatmap.values.count) values for \(heatmap.rows) x \(heatmap.columns) cells")
            try require([heatmap.x.lowerBound, heatmap.x.upperBound, heatmap.y.lowerBound, heatmap.y.upperBound].allSatisfy(\.isFinite),
                        "heatmap x and y ranges must be finite")
            try require(heatmap.contourLevels.allSatisfy(\.isFinite), "contour levels must be finite")
            if let range = heatmap.colorRange {
                try require(range.lowerBound.isFinite && range.upperBound.isFinite && range.lowerBound < range.upperBound,
                            "colour range \(range) must be finite and non-empty")
            }
        case .vectors(let field):
            let n = field.x.count
            try require(field.y.count == n && field.dx.count == n && field.dy.count == n,
                        "vector field needs equal counts of x, y, dx, dy (got \(n), \(field.y.count), \(field.dx.count), \(field.dy.count))")
            try require(field.scale.isFinite, "vector scale must be finite")
        case .bars(let chart):
            try require(!chart.categories.isEmpty, "bar chart has no categories")
            for series in chart.series {
                try require(series.values.count == chart.categories.count,
                            "bar series \(series.title.map { "'\($0)' " } ?? "")has \(series.values.count) values for \(chart.categories.count) categories")
            }
        case .histogram(let histogram):
            try require(histogram.binCount >= 1, "histogram needs at least one bin")
            if let range = histogram.range {
                try require(range.lowerBound.isFinite && range.upperBound.isFinite, "histogram range must be finite")
            }
        case .image(let grid):
            try require(grid.columns >= 1, "image grid needs at least one column")
            try require(!grid.images.isEmpty, "image grid has no images")
            try require(grid.padding >= 0, "image grid padding must not be negative")
            for (index, image) in grid.images.enumerated() {
                try require(image.width >= 1 && image.height >= 1, "image \(index + 1) has size \(image.width)x\(image.height)")
                try require(image.channels == 1 || image.channels == 3, "image \(index + 1) has \(image.channels) channels; use 1 (gray) or 3 (RGB)")
                try require(image.pixels.count == image.width * image.height * image.channels,
                            "image \(index + 1) has \(image.pixels.count) values for \(image.width)x\(image.height)x\(image.channels)")
            }
        case .text(let annotation):
            try require(annotation.x.isFinite && annotation.y.isFinite, "annotation position must be finite")
        }
    }
}
