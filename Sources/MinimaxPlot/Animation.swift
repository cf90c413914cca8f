/// A sequence of figures rendered as one animated GIF (`set terminal gif animate`).
///
/// The first frame sets the image size; every frame is drawn at that size.
public struct Animation: Sendable {
    public var frames: [Figure]
    /// Time each frame is shown, in hundredths of a second.
    public var delay: Int
    /// Times the animation repeats; 0 = forever.
    public var loops: Int

    public init(frames: [Figure], delay: Int = 50, loops: Int = 0) {
        self.frames = frames
        self.delay = delay
        self.loops = loops
    }
}
