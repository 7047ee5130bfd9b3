/// Mono audio in memory: samples in -1…1 at `sampleRate` Hz.
public struct AudioClip: Sendable {
    public var samples: [Float]
    public var sampleRate: Int

    public init(samples: [Float], sampleRate: Int) {
        self.samples = samples
        self.sampleRate = sampleRate
    }

    public var duration: Double { sampleRate > 0 ? Double(samples.count) / Double(sampleRate) : 0 }
}

extension AudioClip {
    /// The clip scaled so its loud speech (95th percentile of 10 ms RMS) sits at −20 dBFS, without clipping beyond
    /// ±1; for analysis only. A silent clip is returned as it is.
    public func loudnessNormalised() -> AudioClip {
        guard sampleRate > 0, !samples.isEmpty else { return self }
        let rms = LoudnessEnvelope.frameRMS(samples: samples, sampleRate: sampleRate, hop: 0.010).sorted()
        let loud = rms[min(rms.count - 1, rms.count * 95 / 100)]
        guard loud > 1e-5 else { return self }
        let gain = Float(0.1 / loud)
        return AudioClip(samples: samples.map { max(-1, min(1, $0 * gain)) }, sampleRate: sampleRate)
    }
}
