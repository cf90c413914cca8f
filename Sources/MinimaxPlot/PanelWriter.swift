/// Writes one panel: its layers' data files and settings, the panel's own settings, then a
/// single `plot` command with one clause per drawn element.
struct PanelWriter {
    let panel: Panel
    let builder: ScriptBuilder
    /// Heatmaps with contours, in layer order, whose files were written before the panel.
    var preparedHeatmaps: [PreparedHeatmap]
    /// Width of the panel's cell in pixels, to decide whether tic labels fit.
    let panelWidth: Int
    private var clauses: [String] = []

    init(panel: Panel, builder: ScriptBuilder, contourTables: [PreparedHeatmap], panelWidth: Int) {
        self.panel = panel
        self.builder = builder
        self.preparedHeatmaps = contourTables
        self.panelWidth = panelWidth
    }

    mutating func write() throws {
        let quoted = GnuplotQuoting.quoted
        if let title = panel.title { builder.emit("set title \(quoted(title)) font ',\(HouseStyle.fontSize + 2)'") }
        if let label = panel.xLabel { builder.emit("set xlabel \(quoted(label))") }
        if let label = panel.yLabel { builder.emit("set ylabel \(quoted(label))") }
        if panel.grid { builder.emit("set grid xtics ytics back linestyle 100") }
        for layer in panel.layers { writeLayer(layer) }
        // The panel's own settings come last, so a fixed range overrides a layer's default.
        if let range = panel.xRange { builder.emit("set xrange [\(Self.bounds(range))]") }
        if let range = panel.yRange { builder.emit("set yrange [\(Self.bounds(range))]") }
        if panel.logX { builder.emit("set logscale x 10") }
        if panel.logY { builder.emit("set logscale y 10") }
        if panel.equalAspect { builder.emit("set size ratio -1") }
        // gnuplot puts a `below` key at the canvas bottom, where it hits the x label of an
        // equal-aspect plot; outside right has room.
        let legend = panel.equalAspect && panel.legend == .below ? Panel.LegendPosition.outside : panel.legend
        builder.emit("set key \(legend.rawValue)")
        if clauses.isEmpty {
            // Only annotations: plot nothing over a unit square so the labels have axes.
            if panel.xRange == nil { builder.emit("set xrange [0:1]") }
            if panel.yRange == nil { builder.emit("set yrange [0:1]") }
            clauses.append("NaN notitle")
        }
        builder.emit("plot \\")
        for (index, clause) in clauses.enumerated() {
            builder.emit("    " + clause + (index + 1 < clauses.count ? ", \\" : ""))
        }
    }

    static func bounds(_ range: ClosedRange<Double>) -> String {
        "\(GnuplotNumber.format(range.lowerBound)):\(GnuplotNumber.format(range.upperBound))"
    }

    static func titleClause(_ title: String?) -> String {
        title.map { "title " + GnuplotQuoting.quoted($0) } ?? "notitle"
    }

    private mutating func writeLayer(_ layer: Layer) {
        switch layer {
        case .line(let series): line(series)
        case .scatter(let scatter): self.scatter(scatter)
        case .heatmap(let heatmap): self.heatmap(heatmap)
        case .vectors(let field): vectors(field)
        case .bars(let chart): bars(chart)
        case .histogram(let histogram): self.histogram(histogram)
        case .image(let grid): image(grid)
        case .text(let annotation): text(annotation)
        }
    }

    // MARK: - Layers

    private mutating func line(_ series: LineSeries) {
        var table = DataTable()
        var columns = ["x", "y"]
        switch series.band {
        case nil:
            for i in series.x.indices { table.row(series.x[i], series.y[i]) }
        case .range(let lower, let upper)?:
            columns += ["lower", "upper"]
            for i in series.x.indices { table.row(series.x[i], series.y[i], lower[i], upper[i]) }
        case .standardDeviation(let std)?:
            columns += ["y-std", "y+std"]
            for i in series.x.indices { table.row(series.x[i], series.y[i], series.y[i] - std[i], series.y[i] + std[i]) }
        }
        let file = GnuplotQuoting.quoted(builder.addData(columns: columns, rows: table.text))
        let color = series.color.gnuplot()
        if series.band != nil {
            clauses.append("\(file) using 1:3:4 with filledcurves linecolor \(color) fillstyle transparent solid 0.2 noborder notitle")
        }
        let dash: Int
        switch series.dash {
        case .solid: dash = 1
        case .dashed: dash = 2
        case .dotted: dash = 3
        }
        let style = series.markers ? "linespoints pointtype 7 pointsize 0.8" : "lines"
        clauses.append("\(file) using 1:2 with \(style) linecolor \(color) linewidth \(GnuplotNumber.format(series.width)) dashtype \(dash) \(Self.titleClause(series.title))")
    }

    private mutating func scatter(_ scatter: ScatterLayer) {
        var table = DataTable()
        for i in scatter.x.indices { table.row(scatter.x[i], scatter.y[i]) }
        let file = GnuplotQuoting.quoted(builder.addData(columns: ["x", "y"], rows: table.text))
        let points = "pointtype \(scatter.marker.rawValue) pointsize"
        clauses.append("\(file) using 1:2 with points \(points) \(GnuplotNumber.format(scatter.pointSize)) linecolor \(scatter.color.gnuplot(alpha: scatter.alpha)) notitle")
        if let title = scatter.title {
            // The legend gets its own opaque, larger marker: a faint dot is hard to match.
            let size = GnuplotNumber.format(max(scatter.pointSize, 1.2))
            clauses.append("keyentry with points \(points) \(size) linecolor \(scatter.color.gnuplot()) title \(GnuplotQuoting.quoted(title))")
        }
    }

    private mutating func heatmap(_ heatmap: Heatmap) {
        let grid: String
        var contours: String?
        if !heatmap.contourLevels.isEmpty, !preparedHeatmaps.isEmpty {
            let prepared = preparedHeatmaps.removeFirst()
            grid = prepared.grid
            contours = prepared.contours
        } else {
            grid = ChartWriter.heatmapData(heatmap, builder: builder)
        }
        // Tight axes: pixel edges lie half a grid step beyond the first and last centres.
        let halfX = heatmap.columns > 1 ? (heatmap.x.upperBound - heatmap.x.lowerBound) / Double(heatmap.columns - 1) / 2 : 0.5
        let halfY = heatmap.rows > 1 ? (heatmap.y.upperBound - heatmap.y.lowerBound) / Double(heatmap.rows - 1) / 2 : 0.5
        builder.emit("set xrange [\(Self.bounds((heatmap.x.lowerBound - halfX)...(heatmap.x.upperBound + halfX)))]")
        builder.emit("set yrange [\(Self.bounds((heatmap.y.lowerBound - halfY)...(heatmap.y.upperBound + halfY)))]")
        builder.emit("set colorbox")
        if let range = heatmap.colorRange { builder.emit("set cbrange [\(Self.bounds(range))]") }
        if let label = heatmap.colorLabel { builder.emit("set cblabel \(GnuplotQuoting.quoted(label))") }
        clauses.append("\(GnuplotQuoting.quoted(grid)) using 1:2:3 with image notitle")
        if let contours {
            clauses.append("\(GnuplotQuoting.quoted(contours)) using 1:2 with lines linecolor \(heatmap.contourColor.gnuplot()) linewidth 1.5 notitle")
        }
    }

    private mutating func vectors(_ field: VectorField) {
        var table = DataTable()
        for i in field.x.indices { table.row(field.x[i], field.y[i], field.dx[i], field.dy[i]) }
        let file = GnuplotQuoting.quoted(builder.addData(columns: ["x", "y", "dx", "dy"], rows: table.text))
        let using = field.scale == 1 ? "1:2:3:4" : "1:2:($3*\(GnuplotNumber.format(field.scale))):($4*\(GnuplotNumber.format(field.scale)))"
        clauses.append("\(file) using \(using) with vectors head filled size screen 0.008,25 linecolor \(field.color.gnuplot()) linewidth \(GnuplotNumber.format(field.width)) \(Self.titleClause(field.title))")
    }

    private mutating func bars(_ chart: BarChart) {
        let seriesCount = max(chart.series.count, 1)
        let barWidth = 0.8 / Double(seriesCount)
        for (s, series) in chart.series.enumerated() {
            var table = DataTable()
            let offset = (Double(s) - Double(seriesCount - 1) / 2) * barWidth
            for (i, value) in series.values.enumerated() { table.row(Double(i) + offset, value) }
            let file = GnuplotQuoting.quoted(builder.addData(columns: ["x", "value"], rows: table.text))
            let color = (series.color ?? HouseStyle.category(s)).gnuplot()
            clauses.append("\(file) using 1:2:(\(GnuplotNumber.format(barWidth))) with boxes fillstyle solid 0.9 noborder linecolor \(color) \(Self.titleClause(series.title))")
        }
        let tics = chart.categories.enumerated().map { "\(GnuplotQuoting.quoted($1)) \($0)" }
        builder.emit("set xtics (\(tics.joined(separator: ", ")))")
        // Names wider than their slot would overlap: tilt them. A DejaVu Sans character is about
        // 0.65 em wide and the plot area about 80% of the panel.
        let slot = 0.8 * Double(panelWidth) / Double(chart.categories.count)
        let longest = Double(chart.categories.map(\.count).max() ?? 0) * 0.65 * Double(HouseStyle.fontSize)
        if longest > slot { builder.emit("set xtics rotate by 30 right") }
        // Vertical grid lines would cut through the bars.
        if panel.grid { builder.emit("set grid noxtics") }
        builder.emit("set xrange [-0.6:\(GnuplotNumber.format(Double(chart.categories.count) - 0.4))]")
        let allValues = chart.series.flatMap(\.values)
        if !panel.logY, allValues.allSatisfy({ $0 >= 0 }) { builder.emit("set yrange [0:*]") }
    }

    private mutating func histogram(_ histogram: Histogram) {
        var table = DataTable()
        for bin in histogram.bins() { table.row(bin.lower, bin.upper, bin.height) }
        let file = GnuplotQuoting.quoted(builder.addData(columns: ["lower", "upper", "height"], rows: table.text))
        let color = histogram.color.gnuplot()
        let alpha = GnuplotNumber.format(min(max(histogram.alpha, 0), 1))
        clauses.append("\(file) using (($1+$2)/2):3:($2-$1) with boxes fillstyle transparent solid \(alpha) border linecolor \(color) linecolor \(color) \(Self.titleClause(histogram.title))")
        if !panel.logY { builder.emit("set yrange [0:*]") }
    }

    private mutating func image(_ grid: ImageGrid) {
        let layout = ImageGridLayout(grid)
        var table = DataTable()
        let canvas = layout.canvas()
        // Scan lines from the top row of pixels down; y counts up from the bottom.
        for row in 0..<layout.height {
            for column in 0..<layout.width {
                let base = 3 * (row * layout.width + column)
                table.row(integers: [column, layout.height - 1 - row,
                                     Int(canvas[base]), Int(canvas[base + 1]), Int(canvas[base + 2])])
            }
            table.blankLine()
        }
        let file = GnuplotQuoting.quoted(builder.addData(columns: ["x", "y", "red", "green", "blue"], rows: table.text))
        builder.emit("unset border")
        builder.emit("unset xtics")
        builder.emit("unset ytics")
        builder.emit("unset grid")
        builder.emit("set size ratio -1")
        builder.emit("set xrange [-0.5:\(GnuplotNumber.format(Double(layout.width) - 0.5))]")
        builder.emit("set yrange [-0.5:\(GnuplotNumber.format(Double(layout.height) - 0.5))]")
        let quoted = GnuplotQuoting.quoted
        if !grid.rowLabels.isEmpty {
            let longest = grid.rowLabels.map(\.count).max() ?? 0
            builder.emit("set lmargin \(min(longest, 30) + 2)")
            for (row, label) in grid.rowLabels.enumerated() where row < grid.rows {
                let y = Double(layout.height) - 1 - layout.rowCenter(row)
                builder.emit("set label \(quoted(label)) at first -0.5, first \(GnuplotNumber.format(y)) right offset character -0.6,0")
            }
        }
        if !grid.columnLabels.isEmpty {
            builder.emit("set tmargin \(panel.title == nil ? 2 : 4)")
            // Lift the title above the column labels.
            if let title = panel.title { builder.emit("set title \(GnuplotQuoting.quoted(title)) offset 0,1.2 font ',\(HouseStyle.fontSize + 2)'") }
            for (column, label) in grid.columnLabels.enumerated() where column < grid.columns {
                builder.emit("set label \(quoted(label)) at first \(GnuplotNumber.format(layout.columnCenter(column))), first \(GnuplotNumber.format(Double(layout.height) - 0.5)) center offset character 0,0.8")
            }
        }
        clauses.append("\(file) using 1:2:3:4:5 with rgbimage notitle")
    }

    private mutating func text(_ annotation: Annotation) {
        let system = annotation.coordinates.rawValue
        var line = "set label \(GnuplotQuoting.quoted(annotation.text)) at \(system) \(GnuplotNumber.format(annotation.x)), \(system) \(GnuplotNumber.format(annotation.y)) \(annotation.alignment.rawValue) textcolor \(annotation.color.gnuplot())"
        if let size = annotation.fontSize { line += " font ',\(size)'" }
        builder.emit(line + " front")
    }
}
