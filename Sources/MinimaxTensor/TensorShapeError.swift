import Foundation

/// A shape problem found by a validator such as `Tensor.conv2dOutputShape(input:weight:bias:stride:padding:)`;
/// the message names the op and the shapes. The ops themselves stop with the same message.
public struct TensorShapeError: Error, CustomStringConvertible, LocalizedError {
    public let description: String
    public var errorDescription: String? { description }
}
