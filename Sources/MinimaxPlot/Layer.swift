/// One thing drawn in a panel. Layers are drawn in order, so later layers lie on top.
public enum Layer: Sendable {
    case line(LineSeries)
    case scatter(ScatterLayer)
    case heatmap(Heatmap)
    case vectors(VectorField)
    case bars(BarChart)
    case histogram(Histogram)
    case image(ImageGrid)
    case text(Annotation)
}
