import RealModule

/// Where the speech in a clip starts and ends (energy above the noise floor; see `AlignmentFeatures.speechFrames`).
public enum SpeechActivity {
    static let frameSeconds = 0.025, hopSeconds = 0.005

    /// Seconds from the start of the clip to the first and last speech, nil when the clip holds no speech.
    public static func span(of clip: AudioClip) -> (start: Double, end: Double)? {
        let energy = energies(clip)
        guard let frames = AlignmentFeatures.speechFrames(energy: energy) else { return nil }
        return (Double(frames.lowerBound) * hopSeconds, min(clip.duration, Double(frames.upperBound - 1) * hopSeconds + frameSeconds))
    }

    /// Seconds of speech: from the first to the last speech, less the pauses of 0.2 s or more (for matching a
    /// synthetic voice's rate to a speaker's).
    public static func speakingSeconds(of clip: AudioClip) -> Double? {
        let energy = energies(clip)
        guard let frames = AlignmentFeatures.speechFrames(energy: energy) else { return nil }
        let paused = AlignmentFeatures.pauses(energy: energy, in: frames, hop: hopSeconds).reduce(0) { $0 + $1.count }
        return Double(frames.count - paused) * hopSeconds
    }

    /// Natural-log mean power of 25 ms frames every 5 ms (mean removed), as `MFCC.analyse` computes it.
    static func energies(_ clip: AudioClip) -> [Float] {
        let rate = Double(clip.sampleRate)
        guard rate > 0, !clip.samples.isEmpty else { return [] }
        let length = max(16, Int((frameSeconds * rate).rounded()))
        let hop = hopSeconds * rate
        let count = clip.samples.count < length ? 1 : 1 + Int((Double(clip.samples.count - length) / hop).rounded(.down))
        var out = [Float](repeating: 0, count: count)
        clip.samples.withUnsafeBufferPointer { x in
            for f in 0..<count {
                let start = Int((Double(f) * hop).rounded())
                let end = min(x.count, start + length)
                var sum = 0.0, sq = 0.0
                for k in start..<end where x[k].isFinite { let v = Double(x[k]); sum += v; sq += v * v }
                let n = Double(length)
                let mean = sum / n
                out[f] = Float(Double.log(max(0, sq / n - mean * mean) + 1e-10))
            }
        }
        return out
    }
}
