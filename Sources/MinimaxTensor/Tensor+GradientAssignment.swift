extension Tensor {
    /// Replaces a leaf's accumulated gradient (`nil` clears it), as `p.grad = …` in PyTorch:
    /// gradient clipping rescales gradients between `backward()` and the optimizer step.
    public func setGrad(_ gradient: Tensor?) {
        guard let node, node.isLeaf else {
            preconditionFailure("setGrad: only a differentiable leaf accumulates a gradient (tensor of shape \(shape))")
        }
        if let gradient {
            precondition(gradient.shape == shape, "setGrad: gradient of shape \(gradient.shape) for a leaf of shape \(shape)")
        }
        node.grad = gradient?.detached()
    }
}
