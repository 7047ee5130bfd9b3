/// One blink found on the output frames.
public struct BlinkEvent: Sendable, Codable, Hashable {
    /// Seconds: time of the first frame of the blink (eye already closing).
    public var start: Double
    /// Seconds: time of the first frame back at the (nearly) open level.
    public var end: Double
    /// `end - start`: the full close-and-reopen.
    public var duration: Double { end - start }
    /// The lowest eye aspect ratio reached.
    public var minimumEAR: Double

    public init(start: Double, end: Double, minimumEAR: Double) {
        self.start = start
        self.end = end
        self.minimumEAR = minimumEAR
    }

    private enum CodingKeys: String, CodingKey { case start, end, duration, minimumEAR }

    /// Encodes `duration` too, for readers of the JSON (ignored when decoding).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(duration, forKey: .duration)
        try c.encode(minimumEAR, forKey: .minimumEAR)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = try c.decode(Double.self, forKey: .start)
        end = try c.decode(Double.self, forKey: .end)
        minimumEAR = try c.decode(Double.self, forKey: .minimumEAR)
    }
}

/// Blink detection from the eye aspect ratio track.
public enum BlinkAnalysis {
    /// Closing threshold (share of the open level) a run must stay below.
    static let runLevel = 0.75
    /// A run counts as a blink only if it reaches below this share of the open level.
    static let deepLevel = 0.6
    /// The blink's extent is widened outward while the EAR is below this share of the open level.
    static let openLevel = 0.9

    /// ear: eye aspect ratio per frame (mean of both eyes), nil where no face. Blinks = dips of EAR well below the open-eye level.
    ///
    /// Open level = median of the known values. A blink is a run of frames whose EAR < open*0.75 that reaches below
    /// open*0.6 somewhere; its extent (start..end, seconds from frame times i/fps, end = time of the first frame back
    /// above the level) is widened outward while EAR < open*0.9, so the duration is the full close-and-reopen.
    /// Runs separated by ≤1 frame of not-quite-open (EAR < open*0.9) merge. Nil frames (no face) count as open and
    /// stop the widening. A still video (no dips) → no blinks. A constant-EAR input → [].
    public static func detect(ear: [Double?], fps: Double) -> [BlinkEvent] {
        guard fps > 0, fps.isFinite else { return [] }
        let known = ear.compactMap { $0 }.filter(\.isFinite)
        let open = QualitySignals.median(known)
        guard open > 0 else { return [] }
        let n = ear.count
        func below(_ i: Int, _ level: Double) -> Bool {
            guard i >= 0, i < n, let e = ear[i], e.isFinite else { return false }
            return e < open * level
        }

        // Runs of closing frames.
        var runs: [ClosedRange<Int>] = []
        var i = 0
        while i < n {
            guard below(i, runLevel) else { i += 1; continue }
            var j = i
            while below(j + 1, runLevel) { j += 1 }
            if let last = runs.last, i - last.upperBound == 2, below(i - 1, openLevel) {
                runs[runs.count - 1] = last.lowerBound...j
            } else {
                runs.append(i...j)
            }
            i = j + 1
        }

        var events: [(lo: Int, hi: Int, minimum: Double)] = []
        for run in runs {
            let minimum = run.compactMap { ear[$0] }.min() ?? open
            guard minimum < open * deepLevel else { continue }
            var lo = run.lowerBound, hi = run.upperBound
            while below(lo - 1, openLevel) { lo -= 1 }
            while below(hi + 1, openLevel) { hi += 1 }
            // Widening can make neighbours touch: merge them.
            if let last = events.last, lo <= last.hi + 1 {
                events[events.count - 1] = (last.lo, max(last.hi, hi), min(last.minimum, minimum))
            } else {
                events.append((lo, hi, minimum))
            }
        }
        return events.map {
            BlinkEvent(start: Double($0.lo) / fps, end: Double($0.hi + 1) / fps, minimumEAR: $0.minimum)
        }
    }
}
