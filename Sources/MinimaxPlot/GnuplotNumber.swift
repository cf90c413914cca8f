import Foundation

/// Deterministic number formatting for scripts and data files.
///
/// Seven significant digits (`%.7g`, the C locale's `.` decimal point) is float32 precision,
/// far more than a chart can show, and the same value always gives the same bytes.
/// NaN and infinities become `NaN`, which gnuplot treats as a missing point.
public enum GnuplotNumber {
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "NaN" }
        if value == 0 { return "0" } // avoids "-0"
        return String(format: "%.7g", value)
    }
}
