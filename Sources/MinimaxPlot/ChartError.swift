import Foundation

/// A chart that cannot be written: a bad name or inconsistent data. The message names
/// the chart and the part at fault.
public struct ChartError: Error, LocalizedError, CustomStringConvertible, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
    public var errorDescription: String? { message }
}
