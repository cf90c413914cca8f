/// Bars over named categories; several series are drawn side by side within each category.
public struct BarChart: Sendable {
    /// One bar per category.
    public struct Series: Sendable {
        public var title: String?
        public var values: [Double]
        /// `nil` uses `HouseStyle.category(seriesIndex)`.
        public var color: RGBColor?

        public init(title: String? = nil, values: [Double], color: RGBColor? = nil) {
            self.title = title
            self.values = values
            self.color = color
        }
    }

    /// Names under the bars; category `i` is centred at `x = i`.
    public var categories: [String]
    public var series: [Series]

    public init(categories: [String], series: [Series]) {
        self.categories = categories
        self.series = series
    }
}
