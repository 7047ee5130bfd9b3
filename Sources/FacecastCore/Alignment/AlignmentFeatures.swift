/// Features prepared for alignment: MFCCs normalised per clip (mean and variance over its speech), with deltas,
/// and the span of frames that holds speech.
struct AlignmentFeatures: Sendable {
    var features: FeatureMatrix
    /// Frames from the first to the last frame of speech, padded by `padding` seconds of what surrounds them.
    var speech: Range<Int>
    /// Seconds of the first and last frame of speech (no padding), nil without speech.
    var onset: Double?
    var offset: Double?
    /// Duration of the clip in seconds.
    var duration: Double
    /// Silences of at least `minimumPause` inside the speech (frame ranges).
    var pauses: [Range<Int>] = []
    static let minimumPause = 0.2

    init(clip: AudioClip, mfcc: MFCC, padding: Double = 0.08, deltaWeight: Float = 1) {
        let (raw, energy) = mfcc.analyse(clip)
        duration = clip.duration
        let n = raw.frameCount
        let region = Self.speechFrames(energy: energy)
        if let region { pauses = Self.pauses(energy: energy, in: region, hop: raw.hop) }
        let pad = Int((padding / raw.hop).rounded())
        let span = region.map { max(0, $0.lowerBound - pad)..<min(n, $0.upperBound + pad) } ?? 0..<n
        speech = span
        features = FeatureMatrix(frameCount: 0, dimension: 1, values: [], hop: raw.hop, offset: raw.offset)
        onset = region.map { raw.time(ofFrame: Double($0.lowerBound)) - mfcc.frameSeconds / 2 }
        offset = region.map { raw.time(ofFrame: Double($0.upperBound - 1)) + mfcc.frameSeconds / 2 }
        // Mean and variance normalisation over the speech span.
        let dim = raw.dimension
        var v = raw.values
        if !span.isEmpty {
            for d in 0..<dim {
                var mean = 0.0, sq = 0.0
                for i in span { let x = Double(v[i * dim + d]); mean += x; sq += x * x }
                mean /= Double(span.count)
                let sd = max((sq / Double(span.count) - mean * mean).squareRoot(), 1e-3)
                for i in 0..<n { v[i * dim + d] = Float((Double(v[i * dim + d]) - mean) / sd) }
            }
        }
        // Deltas by regression over ±2 frames.
        let out = 2 * dim
        var all = [Float](repeating: 0, count: n * out)
        for i in 0..<n {
            for d in 0..<dim {
                all[i * out + d] = v[i * dim + d]
                var num: Float = 0
                for k in 1...2 {
                    let a = v[min(n - 1, i + k) * dim + d], b = v[max(0, i - k) * dim + d]
                    num += Float(k) * (a - b)
                }
                all[i * out + dim + d] = deltaWeight * num / 10
            }
        }
        features = FeatureMatrix(frameCount: n, dimension: out, values: all, hop: raw.hop, offset: raw.offset)
    }

    /// First to last frame of speech: frames louder than both 10 dB above the noise floor (10th percentile) and
    /// 45 dB below the loudest, in runs of at least 30 ms. Nil when there is no such run.
    /// Runs of at least `minimumPause` below the speech threshold inside `region`.
    static func pauses(energy: [Float], in region: Range<Int>, hop: Double) -> [Range<Int>] {
        guard let threshold = threshold(energy: energy) else { return [] }
        let minimum = Int((minimumPause / hop).rounded())
        var result: [Range<Int>] = []
        var k = region.lowerBound
        while k < region.upperBound {
            guard energy[k] <= threshold else { k += 1; continue }
            var j = k
            while j < region.upperBound && energy[j] <= threshold { j += 1 }
            if j - k >= minimum { result.append(k..<j) }
            k = j
        }
        return result
    }

    static func threshold(energy: [Float]) -> Float? {
        guard !energy.isEmpty else { return nil }
        let sorted = energy.sorted()
        let floor = sorted[sorted.count / 10], peak = sorted[max(0, sorted.count - 1 - sorted.count / 200)]
        guard peak > floor + 2.3 else { return nil }
        return max(floor + 2.3, peak - 10.4)
    }

    static func speechFrames(energy: [Float]) -> Range<Int>? {
        guard let threshold = threshold(energy: energy) else { return nil }
        let minRun = 6
        var first: Int?, last: Int?
        var run = 0
        for (i, e) in energy.enumerated() {
            run = e > threshold ? run + 1 : 0
            if run >= minRun {
                if first == nil { first = i - minRun + 1 }
                last = i
            }
        }
        guard let f = first, let l = last else { return nil }
        return f..<(l + 1)
    }

    /// The speech span's frames with the middle of every pause left out (50 ms kept at each side of it), so that a
    /// pause one rendition has and the other has not costs the DTW little.
    var keptFrames: [Int] {
        let edge = Int((0.05 / features.hop).rounded())
        var kept: [Int] = []
        var p = 0
        for i in speech {
            while p < pauses.count && pauses[p].upperBound <= i { p += 1 }
            if p < pauses.count, pauses[p].contains(i), i >= pauses[p].lowerBound + edge, i < pauses[p].upperBound - edge { continue }
            kept.append(i)
        }
        return kept
    }
}
