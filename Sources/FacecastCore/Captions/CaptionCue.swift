/// One caption: what is shown, and when (seconds from the start of the audio).
public struct CaptionCue: Sendable, Hashable, Codable {
    public var start: Double
    public var end: Double
    /// One or two lines, each at most the builder's line length where the words allow it.
    public var lines: [String]

    public init(start: Double, end: Double, lines: [String]) {
        self.start = start
        self.end = end
        self.lines = lines
    }

    public var text: String { lines.joined(separator: "\n") }
}
