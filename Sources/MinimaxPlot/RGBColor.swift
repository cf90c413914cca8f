/// An opaque sRGB colour, written into scripts as `#rrggbb` (or `#AArrggbb` with transparency).
public struct RGBColor: Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `RGBColor(hex: 0x0072B2)`.
    public init(hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xff), green: UInt8((hex >> 8) & 0xff), blue: UInt8(hex & 0xff))
    }

    /// `#rrggbb`, lower case.
    public var hex: String { "#" + Self.twoDigits(red) + Self.twoDigits(green) + Self.twoDigits(blue) }

    /// The colour as a quoted gnuplot colour spec.
    ///
    /// gnuplot's `#AARRGGBB` stores *transparency* in AA (00 = opaque, ff = invisible),
    /// the opposite of the usual alpha, so `alpha` is inverted here.
    func gnuplot(alpha: Double = 1) -> String {
        let clamped = min(max(alpha, 0), 1)
        if clamped >= 1 { return "rgb '\(hex)'" }
        let transparency = UInt8((255 * (1 - clamped)).rounded())
        return "rgb '#" + Self.twoDigits(transparency) + String(hex.dropFirst()) + "'"
    }

    private static func twoDigits(_ value: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(value >> 4)], digits[Int(value & 0xf)]])
    }
}
