/// Quoting for any text that reaches a gnuplot script.
///
/// gnuplot runs `system()` and backquotes, and has no safe mode, so text from outside
/// (titles, labels, legend entries, file names) is only ever written as a single-quoted
/// string: inside single quotes gnuplot expands nothing, and a `'` is written as `''`.
/// Control characters (a raw newline could end the string, and a newline followed by
/// `EOD` could end an inline data block) are replaced by spaces.
public enum GnuplotQuoting {
    /// `text` as a gnuplot single-quoted string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": out += "''"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f: out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }
}
