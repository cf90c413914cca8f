/// How the evaluation classifier is trained: Adam (PyTorch defaults, lr 10⁻³), minibatches
/// of `batchSize` from a shuffled `BatchSampler`, each image shifted by up to `maxShift`
/// pixels in x and y (background −1 fills the gap), for `epochs` passes.
public struct ClassifierTraining: Equatable, Sendable {
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Float
    public var maxShift: Int

    public init(epochs: Int, batchSize: Int = 64, learningRate: Float = 1e-3, maxShift: Int = 2) {
        precondition(epochs >= 1 && batchSize >= 1 && learningRate > 0 && maxShift >= 0, "ClassifierTraining: invalid settings")
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.maxShift = maxShift
    }

    /// The recipe for a training set of `count` images: about 40,000 image presentations in
    /// 3 to 10 epochs (8 for the 4,500 digits of mnist-5k, 3 for Fashion-MNIST's 60,000), with
    /// shifts of up to 2 pixels only for sets under `shiftBelow` images, where they stand in for
    /// the data the set lacks. On a large set they only slow learning: 2 epochs of shifted
    /// Fashion-MNIST gave 87.4% held-out accuracy, short of the 88% the course aims for.
    public static func recommended(trainingCount count: Int) -> ClassifierTraining {
        ClassifierTraining(epochs: max(3, min(10, 40_000 / max(count, 1))), maxShift: count < shiftBelow ? 2 : 0)
    }

    /// Training sets smaller than this get shifted copies (`recommended`).
    public static let shiftBelow = 10_000
}
