/// Frame-to-frame landmark motion while the avatar is not speaking.
public struct JitterMeasurement: Sendable, Codable, Hashable {
    /// Pixels at 512 px (after `scale`), over the measured frame pairs.
    public var mean: Double
    public var p95: Double
    public var max: Double
    /// Number of frame pairs measured.
    public var pairs: Int

    public init(mean: Double, p95: Double, max: Double, pairs: Int) {
        self.mean = mean
        self.p95 = p95
        self.max = max
        self.pairs = pairs
    }
}

/// Temporal jitter in still (silent) phases: the frame-to-frame motion of the picture at the stable landmarks
/// (`trackedMotion`), counted over the still frame pairs (`measure`).
public enum JitterAnalysis {
    /// Stable points: jaw 0...16, nose 27...35, eye corners 36, 39, 42, 45.
    public static let stablePoints: [Int] = Array(0...16) + Array(27...35) + [36, 39, 42, 45]

    /// motions[i]: the motion from frame i-1 to frame i (nil where unmeasured). Counts the pairs where both frames are
    /// still; mean/p95/max over them, pairs = 0 → all zero.
    public static func measure(motions: [Double?], still: [Bool]) -> JitterMeasurement {
        var counted: [Double] = []
        let n = min(motions.count, still.count)
        if n >= 2 {
            for i in 1..<n where still[i - 1] && still[i] {
                if let m = motions[i] { counted.append(m) }
            }
        }
        guard !counted.isEmpty else { return JitterMeasurement(mean: 0, p95: 0, max: 0, pairs: 0) }
        return JitterMeasurement(mean: counted.reduce(0, +) / Double(counted.count),
                                 p95: QualitySignals.percentile(counted, 0.95),
                                 max: counted.max() ?? 0, pairs: counted.count)
    }

    /// The picture's motion at the stable points from frame `a` to frame `b`: each point's patch (radius an eighth of
    /// the inter-ocular distance, at least 3 px) tracked with `PatchTracker`, mean displacement times `scale`; nil
    /// when fewer than half the points could be tracked.
    public static func trackedMotion(from a: RGBImage, to b: RGBImage, landmarks: FaceLandmarks, scale: Double) -> Double? {
        let radius = max(3, Int((landmarks.interocularDistance / 8).rounded()))
        let moves = stablePoints.compactMap { k in
            PatchTracker.displacement(from: a, to: b, at: landmarks.points[k], radius: radius).map { $0.distance(to: .zero) }
        }
        guard moves.count * 2 >= stablePoints.count else { return nil }
        return moves.reduce(0, +) / Double(moves.count) * scale
    }

    /// Frames that are in silence: frame i (time i/fps) is still when every loudness hop (centred at (k+0.5)*hop)
    /// within ±margin seconds of it is at or below gate = 0.05 * (95th percentile of the loudness values).
    /// A frame with no hop in its window (past the end of the audio, or no audio at all) is still. Default margin 0.15 s.
    public static func stillFrames(frameCount: Int, fps: Double, loudness: [Double], hop: Double, margin: Double = 0.15) -> [Bool] {
        guard frameCount > 0 else { return [] }
        guard fps > 0, fps.isFinite, hop > 0, hop.isFinite, !loudness.isEmpty else {
            return [Bool](repeating: true, count: frameCount)
        }
        let gate = 0.05 * QualitySignals.percentile(loudness, 0.95)
        // Prefix count of loud hops: each window is O(1).
        var loud = [Int](repeating: 0, count: loudness.count + 1)
        for (k, v) in loudness.enumerated() { loud[k + 1] = loud[k] + (v > gate ? 1 : 0) }
        return (0..<frameCount).map { i in
            let t = Double(i) / fps
            // Hops with |(k+0.5)*hop - t| <= margin.
            let lo = max(0, Int(((t - margin) / hop - 0.5 - 1e-9).rounded(.up)))
            let hi = min(loudness.count - 1, Int(((t + margin) / hop - 0.5 + 1e-9).rounded(.down)))
            guard lo <= hi else { return true }
            return loud[hi + 1] - loud[lo] == 0
        }
    }

    /// `still` with the frames of blinks (each span widened by one frame on both sides) marked not still: a blink
    /// moves the eye landmarks on purpose and is measured on its own; jitter is about unintended motion.
    public static func excludingBlinks(_ still: [Bool], blinks: [(start: Double, end: Double)], fps: Double) -> [Bool] {
        guard fps > 0, fps.isFinite else { return still }
        var out = still
        for b in blinks where b.start.isFinite && b.end.isFinite {
            let first = max(0, Int((b.start * fps).rounded(.down)) - 1)
            let last = min(out.count - 1, Int((b.end * fps).rounded(.up)) + 1)
            guard first <= last else { continue }
            for i in first...last { out[i] = false }
        }
        return out
    }
}
