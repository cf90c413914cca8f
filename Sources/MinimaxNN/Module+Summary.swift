import MinimaxTensor

extension UnaryLayer {
    /// A table of layers, output shapes and parameter counts, like `torchinfo.summary`.
    ///
    /// Runs one forward pass on zeros of `inputShape` (batch dimension included, e.g.
    /// `[1, 16]`) in evaluation mode without recording gradients, then restores every
    /// sublayer's mode. `Sequential` blocks are expanded; other layers with sublayers show
    /// their output shape and list their sublayers indented (without shapes).
    public func summary(inputShape: [Int]) -> String {
        var rows: [SummaryRow] = []
        let modes = allModules().map { ($0, $0.isTraining) }
        eval()
        defer { for (module, wasTraining) in modes { module.isTraining = wasTraining } }
        withoutGradients {
            _ = summaryForward(self, input: .zeros(inputShape), name: "", depth: 0, rows: &rows)
        }
        return SummaryRow.table(rows, model: self, inputShape: inputShape)
    }
}

extension Module {
    /// This module and every sublayer, depth first.
    func allModules() -> [Module] {
        [self] + namedChildren().flatMap { $0.module.allModules() }
    }
}

/// One line of a summary table.
struct SummaryRow {
    var label: String
    var outputShape: String
    var parameters: Int

    static func table(_ rows: [SummaryRow], model: Module, inputShape: [Int]) -> String {
        let headers = ["Layer", "Output shape", "Parameters"]
        let cells = rows.map { [$0.label, $0.outputShape, formatCount($0.parameters)] }
        var widths = headers.map(\.count)
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ row: [String]) -> String {
            let left = row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0)
            let middle = row[1].padding(toLength: widths[1], withPad: " ", startingAt: 0)
            let right = String(repeating: " ", count: widths[2] - row[2].count) + row[2]
            return "\(left)  \(middle)  \(right)"
        }
        let rule = String(repeating: "=", count: widths.reduce(4, +))
        let trainable = model.parameterCount
        let buffered = model.namedBuffers().reduce(0) { $0 + $1.buffer.value.count }
        var out = [rule, line(headers), rule] + cells.map(line) + [rule]
        out.append("Input shape: \(inputShape)")
        out.append("Trainable parameters: \(formatCount(trainable))")
        out.append("Buffer values: \(formatCount(buffered))")
        out.append("Parameter size: \(formatMegabytes((trainable + buffered) * 4)) MB (float32)")
        return out.joined(separator: "\n") + "\n"
    }

    /// 132865 → "132,865".
    static func formatCount(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    static func formatMegabytes(_ bytes: Int) -> String {
        let hundredths = (bytes * 100 + 524_288) / 1_048_576
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}

/// Applies `layer` to `input`, appending its row (and its sublayers' rows) to `rows`.
private func summaryForward(_ layer: any UnaryLayer, input: Tensor, name: String, depth: Int, rows: inout [SummaryRow]) -> Tensor {
    let indent = String(repeating: "  ", count: depth)
    let label = indent + (name.isEmpty ? "" : "(\(name)) ") + layer.layerDescription
    let index = rows.count
    rows.append(SummaryRow(label: label, outputShape: "", parameters: layer.parameterCount))
    let output: Tensor
    if let sequential = layer as? Sequential {
        var x = input
        for (i, child) in sequential.layers.enumerated() {
            x = summaryForward(child, input: x, name: "\(i)", depth: depth + 1, rows: &rows)
        }
        output = x
    } else {
        output = layer(input)
        appendChildRows(of: layer, depth: depth + 1, rows: &rows)
    }
    rows[index].outputShape = "\(output.shape)"
    return output
}

/// Rows without shapes for the sublayers of a layer that is not a `Sequential`.
private func appendChildRows(of module: Module, depth: Int, rows: inout [SummaryRow]) {
    for (name, child) in module.namedChildren() {
        let indent = String(repeating: "  ", count: depth)
        rows.append(SummaryRow(label: "\(indent)(\(name)) \(child.layerDescription)", outputShape: "-", parameters: child.parameterCount))
        appendChildRows(of: child, depth: depth + 1, rows: &rows)
    }
}
