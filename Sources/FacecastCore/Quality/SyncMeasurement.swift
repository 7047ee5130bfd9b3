/// Audio–video synchronisation measured from the finished video: the lag that best aligns the
/// mouth opening with the audio loudness envelope.
public struct SyncMeasurement: Sendable, Codable, Hashable {
    /// Seconds. Positive = the sound comes LATER than the mouth movement (audio lags video). Negative = audio leads.
    public var offset: Double
    /// Pearson r at the best lag (can be negative or 0).
    public var strength: Double
    /// r at each searched lag (lag in seconds, same sign convention), for the chart/JSON.
    public var curve: [LagCorrelation]

    /// The correlation at one searched lag.
    public struct LagCorrelation: Sendable, Codable, Hashable {
        public var lag: Double
        public var r: Double
        public init(lag: Double, r: Double) {
            self.lag = lag
            self.r = r
        }
    }

    public init(offset: Double, strength: Double, curve: [LagCorrelation]) {
        self.offset = offset
        self.strength = strength
        self.curve = curve
    }

    /// Measures the AV offset.
    ///
    /// - mouth: one value per video frame, frame `i` at time `i/fps` (ffmpeg frame timestamps), nil where no face.
    /// - loudness: RMS per hop, frame `k` centred at `(k+0.5)*hop` (as `LoudnessEnvelope.frameRMS` produces;
    ///   raw or normalised does not matter, Pearson is scale-free).
    ///
    /// Method: mouth gaps are interpolated, the mouth is resampled onto the loudness grid by linear
    /// interpolation (only inside the span of video frames), then for every lag `L` in `-maxLag...maxLag`
    /// in steps of `hop` the Pearson correlation of `mouth(t)` and `loudness(t+L)` is taken over the overlap.
    /// The best lag is the argmax of r (ties → the smaller |lag|); the offset is refined by parabolic
    /// interpolation of r around the peak unless the peak is at the edge of the range.
    /// If the mouth never varies (or there is no face / no audio), strength = 0 and offset = 0.
    public static func measure(mouth: [Double?], fps: Double, loudness: [Double], hop: Double, maxLag: Double = 0.2) -> SyncMeasurement {
        guard fps > 0, hop > 0, maxLag >= 0, fps.isFinite, hop.isFinite,
              let filled = QualitySignals.interpolateGaps(mouth), !loudness.isEmpty
        else { return SyncMeasurement(offset: 0, strength: 0, curve: []) }

        // Mouth on the loudness grid; nil outside the video frames' time span.
        let lastT = Double(filled.count - 1) / fps
        var resampled = [Double?](repeating: nil, count: loudness.count)
        for k in 0..<loudness.count {
            let t = (Double(k) + 0.5) * hop
            guard t <= lastT + 1e-9 else { break }
            let x = t * fps
            let i = min(Int(x), filled.count - 1)
            let j = min(i + 1, filled.count - 1)
            let f = x - Double(i)
            resampled[k] = filled[i] + (filled[j] - filled[i]) * f
        }

        let steps = Int((maxLag / hop + 1e-9).rounded(.down))
        var curve: [LagCorrelation] = []
        curve.reserveCapacity(2 * steps + 1)
        var a: [Double] = [], b: [Double] = []
        for s in -steps...steps {
            a.removeAll(keepingCapacity: true)
            b.removeAll(keepingCapacity: true)
            for k in 0..<loudness.count {
                guard let m = resampled[k] else { continue }
                let k2 = k + s
                guard k2 >= 0, k2 < loudness.count else { continue }
                a.append(m)
                b.append(loudness[k2])
            }
            curve.append(LagCorrelation(lag: Double(s) * hop, r: QualitySignals.pearson(a, b)))
        }

        // A mouth that never moves carries no timing information.
        let known = resampled.compactMap { $0 }
        if QualitySignals.pearson(known, known) == 0 {
            return SyncMeasurement(offset: 0, strength: 0, curve: curve.map { LagCorrelation(lag: $0.lag, r: 0) })
        }

        var best = 0
        for (idx, c) in curve.enumerated() {
            let b = curve[best]
            if c.r > b.r || (c.r == b.r && abs(c.lag) < abs(b.lag)) { best = idx }
        }
        var offset = curve[best].lag
        if best > 0, best < curve.count - 1 {
            let r0 = curve[best - 1].r, r1 = curve[best].r, r2 = curve[best + 1].r
            let denom = r0 - 2 * r1 + r2
            if denom < 0 {
                let delta = 0.5 * (r0 - r2) / denom
                offset += max(-0.5, min(0.5, delta)) * hop
            }
        }
        return SyncMeasurement(offset: offset, strength: curve[best].r, curve: curve)
    }
}
