/// A whole chart: one or more panels laid out in a grid (gnuplot's multiplot), with a title.
public struct Figure: Sendable {
    public var title: String?
    public var width: Int
    public var height: Int
    public var panels: [Panel]
    /// Panels per row; `nil` picks a near-square layout (1 → 1, 2 → 2, 3–4 → 2, 5–6 → 3, …).
    public var columns: Int?

    /// `width` and `height` default to `HouseStyle.width` x `height` for one panel and to
    /// 640 x 480 per panel (at most 1920 x 1440) for several, so fonts keep their size.
    public init(title: String? = nil, width: Int? = nil, height: Int? = nil,
                columns: Int? = nil, panels: [Panel]) {
        self.title = title
        self.width = 0
        self.height = 0
        self.columns = columns
        self.panels = panels
        let (rows, columnCount) = layout
        let single = panels.count <= 1
        self.width = width ?? (single ? HouseStyle.width : min(640 * columnCount, 1920))
        self.height = height ?? (single ? HouseStyle.height : min(480 * rows + (title == nil ? 0 : 40), 1440))
    }

    /// A figure with a single panel.
    public init(title: String? = nil, width: Int? = nil, height: Int? = nil, panel: Panel) {
        self.init(title: title, width: width, height: height, panels: [panel])
    }

    /// Columns and rows of the panel layout.
    public var layout: (rows: Int, columns: Int) {
        let count = max(panels.count, 1)
        var columnCount = columns ?? Int((Double(count).squareRoot()).rounded(.up))
        columnCount = min(max(columnCount, 1), count)
        return ((count + columnCount - 1) / columnCount, columnCount)
    }
}
