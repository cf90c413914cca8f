/// Turns figures and animations into `ChartFiles`: a readable gnuplot script (one setting per
/// line, comments naming each panel and layer) plus data files it reads by relative path.
///
/// Every string from a chart (titles, labels, legend entries, category names, file names) goes
/// through `GnuplotQuoting.quoted`; data files hold numbers only.
public enum ChartWriter {
    /// The script and data of a still chart rendered to `name.<format>`.
    public static func files(for figure: Figure, name: String, format: ChartFormat = .png) throws -> ChartFiles {
        try ChartFiles.validate(name: name)
        try validate(figure, chart: name)
        let output = "\(name).\(format.fileExtension)"
        let builder = ScriptBuilder(name: name)
        header(builder, output: output)
        builder.emit(format.terminal(width: figure.width, height: figure.height))
        builder.emit("set output \(GnuplotQuoting.quoted(output))")
        houseStyle(builder)
        var state = PanelState()
        try write(figure, into: builder, state: &state)
        builder.blank()
        builder.emit("unset output")
        return ChartFiles(name: name, script: builder.script, dataFiles: builder.dataFiles, outputFileName: output)
    }

    /// The script and data of an animated GIF `name.gif`, one frame per figure.
    public static func files(for animation: Animation, name: String) throws -> ChartFiles {
        try ChartFiles.validate(name: name)
        guard let first = animation.frames.first else {
            throw ChartError("animation '\(name)' has no frames")
        }
        for frame in animation.frames { try validate(frame, chart: name) }
        let output = "\(name).gif"
        let builder = ScriptBuilder(name: name)
        header(builder, output: output)
        let font = GnuplotQuoting.quoted("\(HouseStyle.fontName),\(HouseStyle.fontSize)")
        builder.emit("set terminal gif animate delay \(max(animation.delay, 0)) loop \(max(animation.loops, 0)) "
            + "size \(first.width),\(first.height) font \(font) noenhanced background rgb '#ffffff'")
        builder.emit("set output \(GnuplotQuoting.quoted(output))")
        houseStyle(builder)
        var state = PanelState()
        for (index, frame) in animation.frames.enumerated() {
            builder.blank()
            builder.emit("# ======== Frame \(index + 1) of \(animation.frames.count)")
            try write(frame, into: builder, state: &state)
        }
        builder.blank()
        builder.emit("unset output")
        return ChartFiles(name: name, script: builder.script, dataFiles: builder.dataFiles, outputFileName: output)
    }

    // MARK: - Script structure

    private static func header(_ builder: ScriptBuilder, output: String) {
        builder.emit("# \(builder.name).gp: written by MinimaxPlot; draws \(output).")
        builder.emit("# Re-render from this folder with: gnuplot \(builder.name).gp")
        builder.emit("# Data files are read by relative path; every string is single-quoted.")
        builder.blank()
        builder.emit("set encoding utf8")
    }

    private static func houseStyle(_ builder: ScriptBuilder) {
        builder.blank()
        builder.emit("# House style: Okabe-Ito colours for categories, viridis for heatmaps")
        for (index, color) in HouseStyle.categories.enumerated() {
            builder.emit("set linetype \(index + 1) linecolor \(color.gnuplot()) linewidth \(GnuplotNumber.format(HouseStyle.lineWidth)) pointtype 7")
        }
        builder.emit("set linetype cycle \(HouseStyle.categories.count)")
        builder.emit("set border 3 linewidth 1.2 linecolor \(HouseStyle.ink.gnuplot())")
        builder.emit(ticStyle)
        builder.emit("set style line 100 linetype 1 linecolor \(HouseStyle.gridColor.gnuplot()) linewidth 1")
        builder.emit(keyStyle)
        let stops = HouseStyle.viridis.enumerated().map { index, color in
            "\(GnuplotNumber.format(Double(index) / Double(HouseStyle.viridis.count - 1))) '\(color.hex)'"
        }
        builder.emit("set palette defined (\(stops.joined(separator: ", ")))")
    }

    private static func write(_ figure: Figure, into builder: ScriptBuilder, state: inout PanelState) throws {
        // Contour lines are computed by gnuplot into table files before any panel is drawn.
        var contourTables: [Int: [PreparedHeatmap]] = [:]
        for (panelIndex, panel) in figure.panels.enumerated() {
            for layer in panel.layers {
                guard case .heatmap(let heatmap) = layer, !heatmap.contourLevels.isEmpty else { continue }
                if state.dirty { resetPanelState(builder) }
                let table = contourTable(heatmap, panel: panelIndex + 1, builder: builder)
                contourTables[panelIndex, default: []].append(table)
                state.dirty = true
            }
        }
        let layout = figure.layout
        let multiplot = figure.panels.count > 1 || figure.title != nil
        if multiplot {
            builder.blank()
            var line = "set multiplot layout \(layout.rows),\(layout.columns)"
            if let title = figure.title {
                line += " title \(GnuplotQuoting.quoted(title)) font ',\(HouseStyle.fontSize + 4)'"
            }
            builder.emit(line)
        }
        for (panelIndex, panel) in figure.panels.enumerated() {
            builder.blank()
            var comment = "# ---- Panel \(panelIndex + 1) of \(figure.panels.count)"
            if figure.panels.count > 1 {
                comment += " (row \(panelIndex / layout.columns + 1), column \(panelIndex % layout.columns + 1))"
            }
            builder.emit(comment)
            if state.dirty { resetPanelState(builder) }
            var panelWriter = PanelWriter(panel: panel, builder: builder, contourTables: contourTables[panelIndex] ?? [],
                                          panelWidth: figure.width / layout.columns)
            try panelWriter.write()
            state.dirty = true
        }
        if multiplot { builder.emit("unset multiplot") }
    }

    /// Tics outside, on the left and bottom axes only.
    private static let ticStyle = "set tics nomirror out scale 0.75 textcolor \(HouseStyle.ink.gnuplot())"

    /// Legend look: marker before text, left-aligned, on an opaque background.
    private static let keyStyle = "set key opaque Left reverse samplen 3 spacing 1.2 textcolor \(HouseStyle.ink.gnuplot())"

    /// Undoes every setting a panel may make, so the next panel (or frame) starts clean.
    private static func resetPanelState(_ builder: ScriptBuilder) {
        builder.emit("# Undo the previous panel's settings")
        builder.emit("unset title")
        builder.emit("set title offset 0,0")
        builder.emit("unset xlabel")
        builder.emit("unset ylabel")
        builder.emit("unset cblabel")
        builder.emit("unset label")
        builder.emit("unset logscale")
        builder.emit("unset grid")
        builder.emit("unset colorbox")
        builder.emit("unset margin")
        builder.emit("set autoscale")
        builder.emit("set size noratio")
        builder.emit("set border 3")
        builder.emit("set xtics autofreq")
        builder.emit("set ytics autofreq")
        builder.emit("set xtics norotate")
        builder.emit(ticStyle)
        builder.emit("set key default")
        builder.emit(keyStyle)
    }

    /// Writes the heatmap's grid and a `set table` pass that stores its contours.
    private static func contourTable(_ heatmap: Heatmap, panel: Int, builder: ScriptBuilder) -> PreparedHeatmap {
        let grid = heatmapData(heatmap, builder: builder)
        let table = grid.replacingOccurrences(of: ".dat", with: "-contours.dat")
        let levels = heatmap.contourLevels.map(GnuplotNumber.format).joined(separator: ", ")
        builder.blank()
        builder.emit("# Contour lines of panel \(panel)'s heatmap: gnuplot writes them to a table file first")
        builder.emit("set contour base")
        builder.emit("set cntrparam levels discrete \(levels)")
        builder.emit("unset surface")
        builder.emit("set table \(GnuplotQuoting.quoted(table))")
        builder.emit("splot \(GnuplotQuoting.quoted(grid)) using 1:2:3 notitle")
        builder.emit("unset table")
        builder.emit("unset contour")
        builder.emit("set surface")
        return PreparedHeatmap(grid: grid, contours: table)
    }

    /// Writes a heatmap's grid data (`x y value`, a blank line after each row of the grid).
    static func heatmapData(_ heatmap: Heatmap, builder: ScriptBuilder) -> String {
        var table = DataTable()
        let dx = heatmap.columns > 1 ? (heatmap.x.upperBound - heatmap.x.lowerBound) / Double(heatmap.columns - 1) : 0
        let dy = heatmap.rows > 1 ? (heatmap.y.upperBound - heatmap.y.lowerBound) / Double(heatmap.rows - 1) : 0
        for row in 0..<heatmap.rows {
            let y = heatmap.y.lowerBound + Double(row) * dy
            for column in 0..<heatmap.columns {
                table.row(heatmap.x.lowerBound + Double(column) * dx, y, heatmap.values[row * heatmap.columns + column])
            }
            table.blankLine()
        }
        return builder.addData(columns: ["x", "y", "value"], rows: table.text)
    }

    private static func validate(_ figure: Figure, chart: String) throws {
        guard figure.width >= 16, figure.height >= 16, figure.width <= 16384, figure.height <= 16384 else {
            throw ChartError("chart '\(chart)': size \(figure.width)x\(figure.height) must be between 16 and 16384 pixels")
        }
        guard !figure.panels.isEmpty else { throw ChartError("chart '\(chart)' has no panels") }
        for (index, panel) in figure.panels.enumerated() {
            try PanelWriter.validate(panel, where: "chart '\(chart)', panel \(index + 1)")
        }
    }
}

/// A heatmap whose grid and contour table were written before its panel.
struct PreparedHeatmap {
    var grid: String
    var contours: String
}

/// Whether settings from an earlier panel may still be active.
struct PanelState {
    var dirty = false
}
