/// Loudness of the audio over time (RMS in 10 ms hops), normalised 0…1 for the jaw.
///
/// Frame `i` is centred at `(i + 0.5) * hop` and measures the RMS over a window of two hops around
/// that centre. Frames louder than 2 % of the loudest frame (−34 dB) count as voiced; the noise
/// floor (10th percentile of all frames, at most a quarter of the reference) is subtracted and the
/// result divided by the 95th percentile of the voiced frames, then clamped to 0…1.
public struct LoudnessEnvelope: Sendable {
    public let hop: Double
    public let values: [Double]

    public init(samples: [Float], sampleRate: Int, hop: Double = 0.010) {
        let hop = hop.isFinite && hop > 0 ? hop : 0.010
        self.hop = hop
        guard sampleRate > 0, !samples.isEmpty else {
            values = []
            return
        }
        let rms = Self.frameRMS(samples: samples, sampleRate: sampleRate, hop: hop)
        values = Self.normalise(rms)
    }

    /// Builds an envelope from already normalised values (tests, or a caller with its own analysis).
    init(hop: Double, values: [Double]) {
        self.hop = hop
        self.values = values
    }

    /// Linearly interpolated between frame centres; 0 before the first and after the last frame.
    public func value(at t: Double) -> Double {
        guard !values.isEmpty, t.isFinite, t >= 0, t <= Double(values.count) * hop else { return 0 }
        let x = t / hop - 0.5
        if x <= 0 { return values[0] }
        let i = Int(x)
        if i >= values.count - 1 { return values[values.count - 1] }
        let f = x - Double(i)
        return values[i] + (values[i + 1] - values[i]) * f
    }

    /// Duration covered by the frames, in seconds.
    public var duration: Double { Double(values.count) * hop }

    // MARK: - Analysis

    /// RMS per hop: frame `i` centred at `(i + 0.5) * hop`, window of two hops around the centre (not normalised).
    /// Needs `sampleRate > 0` and `hop > 0`.
    public static func frameRMS(samples: [Float], sampleRate: Int, hop: Double) -> [Double] {
        let hopSamples = hop * Double(sampleRate)
        let count = max(1, Int((Double(samples.count) / hopSamples).rounded(.up)))
        let halfWindow = max(1, Int(hopSamples.rounded()))
        // Prefix sums of squares make every window O(1).
        var prefix = [Double](repeating: 0, count: samples.count + 1)
        for (i, s) in samples.enumerated() {
            let x = s.isFinite ? Double(s) : 0
            prefix[i + 1] = prefix[i] + x * x
        }
        var out = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let centre = Int(((Double(i) + 0.5) * hopSamples).rounded())
            let lo = max(0, centre - halfWindow)
            let hi = min(samples.count, centre + halfWindow)
            guard hi > lo else { continue }
            let energy = max(0, prefix[hi] - prefix[lo])
            out[i] = (energy / Double(hi - lo)).squareRoot()
        }
        return out
    }

    static func normalise(_ rms: [Double]) -> [Double] {
        guard let peak = rms.max(), peak > 1e-7 else { return rms.map { _ in 0 } }
        let gate = 0.02 * peak
        let voiced = rms.filter { $0 > gate }
        let reference = percentile(voiced, 0.95)
        let floor = min(percentile(rms, 0.10), 0.25 * reference)
        let span = max(reference - floor, 1e-9)
        return rms.map { min(1, max(0, ($0 - floor) / span)) }
    }

    static func percentile(_ xs: [Double], _ p: Double) -> Double {
        guard !xs.isEmpty else { return 0 }
        let sorted = xs.sorted()
        let pos = p * Double(sorted.count - 1)
        let i = Int(pos)
        let j = min(i + 1, sorted.count - 1)
        return sorted[i] + (sorted[j] - sorted[i]) * (pos - Double(i))
    }
}
