/// The file format of a rendered still chart (animations are always GIF, see `Animation`).
public enum ChartFormat: String, Sendable, CaseIterable {
    /// PNG through gnuplot's cairo terminal (anti-aliased, supports transparency).
    case png
    /// SVG: scalable, for slides and web pages.
    case svg

    public var fileExtension: String { rawValue }

    /// The `set terminal` line for this format.
    func terminal(width: Int, height: Int) -> String {
        let font = GnuplotQuoting.quoted("\(HouseStyle.fontName),\(HouseStyle.fontSize)")
        switch self {
        case .png:
            return "set terminal pngcairo size \(width),\(height) font \(font) noenhanced background rgb '#ffffff'"
        case .svg:
            return "set terminal svg size \(width),\(height) font \(font) noenhanced background rgb '#ffffff'"
        }
    }
}
