/// 2-D pooling on NCHW tensors (PyTorch semantics, `ceil_mode=False`).
///
/// Two linear primitives, each the other's adjoint, carry average pooling and nearest
/// upsampling to any order: `windowSum` (sum over each window) and `windowSumTranspose`
/// (every window position's value added to all pixels of its window). Max pooling picks
/// each window's first maximum (a constant index set, like PyTorch's argmax) and is a
/// gather of those elements, whose adjoint is a scatter-add and back.
extension Tensor {
    /// `torch.nn.functional.avg_pool2d(input, kernel_size, stride, padding)` with PyTorch's
    /// defaults: stride nil means the kernel size, and zero padding counts in the mean
    /// (`count_include_pad=True`). Padding may be at most half the kernel.
    public func avgPool2d(kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0) -> Tensor {
        let window = Tensor.validated {
            try Tensor.pool2dWindow(op: "avgPool2d", input: shape, kernelSize: kernelSize,
                                    stride: stride ?? kernelSize, padding: padding)
        }
        return windowSum(window) / Float(window.kernelArea)
    }

    /// `torch.nn.functional.max_pool2d(input, kernel_size, stride, padding)`: stride nil means
    /// the kernel size; padded positions never win. The gradient goes to each window's first
    /// maximum (row-major), summed where windows overlap; NaN wins, as in PyTorch.
    public func maxPool2d(kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0) -> Tensor {
        let w = Tensor.validated {
            try Tensor.pool2dWindow(op: "maxPool2d", input: shape, kernelSize: kernelSize,
                                    stride: stride ?? kernelSize, padding: padding)
        }
        let planes = shape[0] * shape[1], H = w.height, W = w.width, oW = w.outputWidth
        var winners = [Int](repeating: 0, count: planes * w.positions)
        winners.withUnsafeMutableBufferPointer { best in
            scalars.withUnsafeBufferPointer { src in
                guard let idx = best.baseAddress, let x = src.baseAddress else { return }
                Parallel.forChunks(of: planes, work: planes * w.positions * w.kernelArea) { range in
                    for plane in range {
                        let offset = plane * H * W
                        for oy in 0..<w.outputHeight {
                            let top = oy * w.stride.height - w.padding.height
                            let rows = Swift.max(0, -top)..<Swift.min(w.kernel.height, H - top)
                            for ox in 0..<oW {
                                let left = ox * w.stride.width - w.padding.width
                                let cols = Swift.max(0, -left)..<Swift.min(w.kernel.width, W - left)
                                var winner = offset + (top + rows.lowerBound) * W + left + cols.lowerBound
                                var value = x[winner]
                                for ki in rows {
                                    let row = offset + (top + ki) * W + left
                                    for kj in cols where x[row + kj] > value || (x[row + kj].isNaN && !value.isNaN) {
                                        winner = row + kj
                                        value = x[winner]
                                    }
                                }
                                idx[(plane * w.outputHeight + oy) * oW + ox] = winner
                            }
                        }
                    }
                }
            }
        }
        return gatherElements(winners, shape: [shape[0], shape[1], w.outputHeight, w.outputWidth], op: "maxPool2d")
    }

    /// Sums over every window: `[N, C, H, W]` → `[N, C, oH, oW]`. Adjoint: `windowSumTranspose`.
    func windowSum(_ w: Window2D) -> Tensor {
        let planes = shape[0] * shape[1], H = w.height, W = w.width, oW = w.outputWidth
        var out = [Float](repeating: 0, count: planes * w.positions)
        out.withUnsafeMutableBufferPointer { dst in
            scalars.withUnsafeBufferPointer { src in
                guard let o = dst.baseAddress, let x = src.baseAddress else { return }
                Parallel.forChunks(of: planes, work: planes * w.positions * w.kernelArea) { range in
                    for plane in range {
                        let image = x + plane * H * W
                        for oy in 0..<w.outputHeight {
                            let top = oy * w.stride.height - w.padding.height
                            let rows = Swift.max(0, -top)..<Swift.min(w.kernel.height, H - top)
                            for ox in 0..<oW {
                                let left = ox * w.stride.width - w.padding.width
                                let cols = Swift.max(0, -left)..<Swift.min(w.kernel.width, W - left)
                                var sum: Float = 0
                                for ki in rows {
                                    let row = image + (top + ki) * W + left
                                    for kj in cols { sum += row[kj] }
                                }
                                o[(plane * w.outputHeight + oy) * oW + ox] = sum
                            }
                        }
                    }
                }
            }
        }
        let imageShape = shape
        return Tensor.record("windowSum", [shape[0], shape[1], w.outputHeight, w.outputWidth], out, inputs: [self]) { g, _ in
            [g.windowSumTranspose(w, imageShape: imageShape)]
        }
    }

    /// Adds each window position's value to every pixel of its window: `[N, C, oH, oW]` →
    /// `imageShape` `[N, C, H, W]`. Adjoint: `windowSum`.
    func windowSumTranspose(_ w: Window2D, imageShape: [Int]) -> Tensor {
        precondition(shape == [imageShape[0], imageShape[1], w.outputHeight, w.outputWidth],
                     "windowSumTranspose: shape \(shape) does not match the window positions of \(imageShape)")
        let planes = shape[0] * shape[1], H = w.height, W = w.width, oW = w.outputWidth
        var out = [Float](repeating: 0, count: planes * w.imageSize)
        out.withUnsafeMutableBufferPointer { dst in
            scalars.withUnsafeBufferPointer { src in
                guard let o = dst.baseAddress, let g = src.baseAddress else { return }
                Parallel.forChunks(of: planes, work: planes * w.positions * w.kernelArea) { range in
                    for plane in range {
                        let image = o + plane * H * W
                        for oy in 0..<w.outputHeight {
                            let top = oy * w.stride.height - w.padding.height
                            let rows = Swift.max(0, -top)..<Swift.min(w.kernel.height, H - top)
                            for ox in 0..<oW {
                                let left = ox * w.stride.width - w.padding.width
                                let cols = Swift.max(0, -left)..<Swift.min(w.kernel.width, W - left)
                                let v = g[(plane * w.outputHeight + oy) * oW + ox]
                                for ki in rows {
                                    let row = image + (top + ki) * W + left
                                    for kj in cols { row[kj] += v }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor.record("windowSumTranspose", imageShape, out, inputs: [self]) { g, _ in [g.windowSum(w)] }
    }

    /// Elements at flat `indices` of self, as a tensor of `shape`. Adjoint: `scatterAddElements`.
    func gatherElements(_ indices: [Int], shape outShape: [Int], op: String = "gatherElements") -> Tensor {
        precondition(outShape.reduce(1, *) == indices.count, "\(op): \(indices.count) indices for shape \(outShape)")
        let total = count
        let out = [Float](unsafeUninitializedCapacity: indices.count) { dst, initialized in
            scalars.withUnsafeBufferPointer { src in
                for (i, j) in indices.enumerated() {
                    precondition(j >= 0 && j < total, "\(op): index \(j) out of range for \(total) elements")
                    dst[i] = src[j]
                }
            }
            initialized = indices.count
        }
        let sourceShape = shape
        return Tensor.record(op, outShape, out, inputs: [self]) { g, _ in
            [g.scatterAddElements(indices, shape: sourceShape)]
        }
    }

    /// Zeros of `shape` with element k of self added at flat index `indices[k]`. Adjoint: `gatherElements`.
    func scatterAddElements(_ indices: [Int], shape outShape: [Int]) -> Tensor {
        precondition(indices.count == count, "scatterAddElements: \(indices.count) indices for \(count) elements")
        let total = outShape.reduce(1, *)
        var out = [Float](repeating: 0, count: total)
        out.withUnsafeMutableBufferPointer { dst in
            scalars.withUnsafeBufferPointer { src in
                for (i, j) in indices.enumerated() {
                    precondition(j >= 0 && j < total, "scatterAddElements: index \(j) out of range for \(total) elements")
                    dst[j] += src[i]
                }
            }
        }
        let sourceShape = shape
        return Tensor.record("scatterAddElements", outShape, out, inputs: [self]) { g, _ in
            [g.gatherElements(indices, shape: sourceShape)]
        }
    }
}
