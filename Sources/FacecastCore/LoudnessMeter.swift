/// Builds a `LoudnessEnvelope` from audio that arrives piece by piece (long scripts are synthesised sentence by
/// sentence and never held whole). Keeps only per-half-hop energy sums, so memory grows with the duration at
/// 200 numbers per second, not with the samples.
///
/// Frame `i` covers [(i − ½)·hop, (i + 1½)·hop), as `LoudnessEnvelope.frameRMS` does, here from four half-hop
/// bins whose edges are rounded to whole samples.
public struct LoudnessMeter: Sendable {
    public let sampleRate: Int
    public let hop: Double
    private var energy: [Double] = []
    private var counts: [Int] = []
    private var samplesSeen = 0

    public init(sampleRate: Int, hop: Double = 0.010) {
        self.sampleRate = sampleRate
        self.hop = hop
    }

    /// Sample index where half-hop bin `k` starts.
    private func binStart(_ k: Int) -> Int { Int((Double(k) * hop * Double(sampleRate) / 2).rounded()) }

    public mutating func append(_ samples: [Float]) {
        var k = max(0, energy.count - 1)
        for s in samples {
            let index = samplesSeen
            samplesSeen += 1
            while binStart(k + 1) <= index { k += 1 }
            while energy.count <= k { energy.append(0); counts.append(0) }
            let x = s.isFinite ? Double(s) : 0
            energy[k] += x * x
            counts[k] += 1
        }
    }

    /// Seconds of audio seen so far.
    public var duration: Double { Double(samplesSeen) / Double(max(sampleRate, 1)) }

    public func envelope() -> LoudnessEnvelope {
        guard sampleRate > 0, samplesSeen > 0 else { return LoudnessEnvelope(hop: hop, values: []) }
        let frames = max(1, Int((Double(samplesSeen) / (hop * Double(sampleRate))).rounded(.up)))
        var rms = [Double](repeating: 0, count: frames)
        for i in 0..<frames {
            var e = 0.0, n = 0
            for b in (2 * i - 1)...(2 * i + 2) where b >= 0 && b < energy.count {
                e += energy[b]
                n += counts[b]
            }
            rms[i] = n > 0 ? (e / Double(n)).squareRoot() : 0
        }
        return LoudnessEnvelope(hop: hop, values: LoudnessEnvelope.normalise(rms))
    }
}
