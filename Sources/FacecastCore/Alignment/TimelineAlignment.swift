/// A timeline carried onto other audio, and how much to trust it.
public struct TimelineAlignment: Sendable {
    public var timeline: SpeechTimeline
    /// 0…1: about 1 when the two clips clearly say the same thing, near 0 when they do not.
    public var confidence: Double

    public init(timeline: SpeechTimeline, confidence: Double) {
        self.timeline = timeline
        self.confidence = confidence
    }
}
