/// Points `(x[i], y[i])` of one group in one colour, optionally translucent so dense
/// regions show as darker.
public struct ScatterLayer: Sendable {
    /// Marker shape (gnuplot point types of the cairo terminals).
    public enum Marker: Int, Sendable {
        case filledCircle = 7, filledSquare = 5, filledTriangle = 9, cross = 2, plus = 1, openCircle = 6
    }

    public var x: [Double]
    public var y: [Double]
    public var title: String?
    public var color: RGBColor
    /// 1 = opaque, 0 = invisible.
    public var alpha: Double
    public var pointSize: Double
    public var marker: Marker

    public init(x: [Double], y: [Double], title: String? = nil, color: RGBColor = HouseStyle.category(0),
                alpha: Double = 1, pointSize: Double = 0.8, marker: Marker = .filledCircle) {
        self.x = x
        self.y = y
        self.title = title
        self.color = color
        self.alpha = alpha
        self.pointSize = pointSize
        self.marker = marker
    }

    /// One scatter layer per group: point `i` belongs to group `groups[i]` (0-based), which is
    /// titled `names[g]` (when given) and coloured `HouseStyle.category(g)`. Negative groups are skipped.
    public static func grouped(x: [Double], y: [Double], groups: [Int], names: [String] = [],
                               alpha: Double = 1, pointSize: Double = 0.8) throws -> [Layer] {
        guard x.count == y.count, y.count == groups.count else {
            throw ChartError("grouped scatter: \(x.count) x values, \(y.count) y values and \(groups.count) groups must be equally many")
        }
        let groupCount = (groups.max() ?? -1) + 1
        var xs = [[Double]](repeating: [], count: max(groupCount, 0))
        var ys = xs
        for i in groups.indices where groups[i] >= 0 {
            xs[groups[i]].append(x[i])
            ys[groups[i]].append(y[i])
        }
        return (0..<max(groupCount, 0)).map { g in
            .scatter(ScatterLayer(x: xs[g], y: ys[g], title: g < names.count ? names[g] : nil,
                                  color: HouseStyle.category(g), alpha: alpha, pointSize: pointSize))
        }
    }
}
