/// The one look shared by every chart of the course.
///
/// Categories use the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), which
/// stays distinguishable under the common colour-vision deficiencies; continuous values use
/// viridis (van der Walt & Smith, matplotlib 2015), which is perceptually uniform and prints
/// well in grey. Real data is always `real` (blue) and generated data always `fake`
/// (vermillion), in every chart. Sizes and fonts are chosen to stay readable on a projector.
public enum HouseStyle {
    /// Real (training) data: Okabe–Ito blue.
    public static let real = RGBColor(hex: 0x0072B2)
    /// Generated (fake) data: Okabe–Ito vermillion.
    public static let fake = RGBColor(hex: 0xD55E00)

    /// Okabe–Ito colours in the order categories receive them (yellow late: it is faint on
    /// white; black last: it reads as an axis).
    public static let categories: [RGBColor] = [
        RGBColor(hex: 0x0072B2), // blue
        RGBColor(hex: 0xD55E00), // vermillion
        RGBColor(hex: 0x009E73), // bluish green
        RGBColor(hex: 0xE69F00), // orange
        RGBColor(hex: 0x56B4E9), // sky blue
        RGBColor(hex: 0xCC79A7), // reddish purple
        RGBColor(hex: 0xF0E442), // yellow
        RGBColor(hex: 0x000000), // black
    ]

    /// The colour of category `index`, cycling through `categories`.
    public static func category(_ index: Int) -> RGBColor {
        let count = categories.count
        return categories[((index % count) + count) % count]
    }

    /// Nine evenly spaced stops of matplotlib's viridis, from 0 (dark purple) to 1 (yellow).
    public static let viridis: [RGBColor] = [
        RGBColor(hex: 0x440154), RGBColor(hex: 0x472C7A), RGBColor(hex: 0x3B518B),
        RGBColor(hex: 0x2C718E), RGBColor(hex: 0x21908D), RGBColor(hex: 0x27AD81),
        RGBColor(hex: 0x5CC863), RGBColor(hex: 0xAADC32), RGBColor(hex: 0xFDE725),
    ]

    /// Default image size in pixels (4:3, sharp on a projector, small enough for a report).
    public static let width = 960
    public static let height = 720
    /// Font name and size used for every chart.
    public static let fontName = "DejaVu Sans"
    public static let fontSize = 14
    /// Line width of series, in gnuplot units.
    public static let lineWidth = 2.5
    /// Colour of axes, tics and text.
    public static let ink = RGBColor(hex: 0x333333)
    /// Colour of the background grid.
    public static let gridColor = RGBColor(hex: 0xDDDDDD)
}
