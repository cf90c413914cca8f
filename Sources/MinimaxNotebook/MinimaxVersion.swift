/// The version of Minimax's code, recorded in every run and report.
public enum MinimaxVersion {
    public static let string = "0.1.0"
}
