/// A spec that validated but cannot be trained by this trainer, or a run folder that cannot be
/// used (e.g. a checkpoint from another spec). The message names the setting or file.
public struct GANSetupError: Error, CustomStringConvertible, Equatable {
    /// The dotted spec key or the file involved.
    public let setting: String
    public let problem: String

    public init(_ setting: String, _ problem: String) {
        self.setting = setting
        self.problem = problem
    }

    public var description: String { "\(setting): \(problem)" }
}
