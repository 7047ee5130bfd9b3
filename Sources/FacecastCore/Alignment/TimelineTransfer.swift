/// Carries a known phone/word timeline from one rendition of an utterance to another rendition of the same words
/// (a synthetic voice, or a person's recording), by dynamic time warping of their MFCCs.
///
/// Method: MFCCs (25 ms windows every 5 ms, a mel band both sample rates can represent), normalised per clip over
/// its speech, with deltas; leading and trailing silence cut off each clip (kept as 80 ms margins), pauses of 0.2 s or
/// more inside the speech squeezed to 0.1 s on both sides (a speaker pauses where the synthetic voice does not);
/// multi-resolution
/// DTW (averaged frames ×4 per level, refined within a radius at each finer level), so time and memory grow linearly.
/// Each boundary of the reference maps to where the path crosses it; silences before and after the speech map
/// linearly onto the target's. The target's pauses become silences in the timeline.
public enum TimelineTransfer {
    public struct Options: Sendable {
        public var mfcc = MFCC()
        /// Added to a horizontal or vertical DTW step (in units of normalised feature distance).
        public var stepPenalty: Float = 2.5
        /// Half-width in frames of the refinement window around the coarser path.
        public var radius = 12
        public var deltaWeight: Float = 1
        /// The path may leave out up to this many seconds at each end of the target's speech, for `skipCost` per frame.
        /// Off by default: on the labelled recordings 0.4 s (skip cost 4–6) moved the phone median from 17.3 to 19.4 ms.
        public var openEdge = 0.0
        public var skipCost: Float = 6
        public init() {}
    }

    /// Carries the phone/word timeline known for `reference` (e.g. an espeak-ng rendition of the same phonemes)
    /// onto `target` audio saying the same thing.
    public static func transfer(_ timeline: SpeechTimeline, reference: AudioClip, target: AudioClip) -> TimelineAlignment {
        transfer(timeline, reference: reference, target: target, options: Options())
    }

    public static func transfer(_ timeline: SpeechTimeline, reference: AudioClip, target: AudioClip,
                                options: Options) -> TimelineAlignment {
        let map = timeMap(reference: reference, target: target, options: options)
        return TimelineAlignment(timeline: map.warp.apply(to: timeline, duration: target.duration, pauses: map.pauses),
                                 confidence: map.confidence)
    }

    /// The monotone map from reference time to target time, and the confidence of the match.
    /// Also returns the target's pauses (silences of 0.2 s or more inside its speech), in seconds.
    public static func timeMap(reference: AudioClip, target: AudioClip, options: Options = Options()) -> (warp: TimeWarp, confidence: Double, pauses: [(Double, Double)]) {
        var mfcc = options.mfcc
        mfcc.highHz = min(mfcc.highHz, MFCC.commonHighHz(reference.sampleRate, target.sampleRate),
                          0.95 * MFCC.effectiveBandwidth(of: reference), 0.95 * MFCC.effectiveBandwidth(of: target))
        mfcc.highHz = max(mfcc.highHz, 2_000)
        let ref = AlignmentFeatures(clip: reference, mfcc: mfcc, deltaWeight: options.deltaWeight)
        let tgt = AlignmentFeatures(clip: target, mfcc: mfcc, deltaWeight: options.deltaWeight)
        let linear = TimeWarp(points: [(0, 0), (max(reference.duration, 1e-6), target.duration)])
        guard ref.speech.count >= 4, tgt.speech.count >= 4 else { return (linear, 0, []) }
        // DTW over the speech spans with long pauses squeezed; indices map back to the full feature matrices.
        let ia = ref.keptFrames, ib = tgt.keptFrames
        let b = tgt.features.gathered(ib)
        // The reference is stretched to the target's length first, so that the expected path is the diagonal and the
        // step penalty only costs departures from the overall tempo. `position[k]`: frame of the full reference
        // matrix (fractional) that stretched row k stands for.
        let compact = ref.features.gathered(ia)
        let stretchedCount = max(2, ib.count)
        let (a, position) = Self.stretched(compact, frames: ia, to: stretchedCount)
        let open = min(Int((options.openEdge / b.hop).rounded()), b.frameCount * 3 / 10)
        let path = DTWPath.multiscale(rows: a, columns: b, stepPenalty: options.stepPenalty, radius: options.radius,
                                      openColumns: open, skipCost: options.skipCost)
        guard !path.steps.isEmpty else { return (linear, 0, []) }
        // Where the path leaves each reference frame: the boundary after row i lies between the last column of row i
        // and the first column of row i + 1 (the same column for a vertical step, the next one for a diagonal step).
        let n = a.frameCount
        var first = [Int](repeating: -1, count: n), last = [Int](repeating: -1, count: n)
        for s in path.steps {
            if first[s.row] < 0 { first[s.row] = s.column }
            last[s.row] = s.column
        }
        // Anchors: the clips' starts and ends, their speech onsets and offsets (both found by the same energy
        // detector), and in between every boundary crossing of the path.
        let fa = ref.features, fb = tgt.features
        let refOn = ref.onset ?? fa.time(ofFrame: position[0]), refOff = ref.offset ?? fa.time(ofFrame: position[n - 1])
        let tgtOn = tgt.onset ?? fb.time(ofFrame: Double(ib[0])), tgtOff = tgt.offset ?? fb.time(ofFrame: Double(ib[ib.count - 1]))
        // Where the path starts and ends on the target: its speech onset and offset unless the path left out the
        // target's edges (breath or noise the energy detector took for speech).
        let startColumn = path.steps.first!.column, endColumn = path.steps.last!.column
        let begin = startColumn == 0 ? tgtOn : fb.time(ofFrame: Double(ib[startColumn]) - 0.5)
        let end = endColumn == b.frameCount - 1 ? tgtOff : fb.time(ofFrame: Double(ib[endColumn]) + 0.5)
        var points: [(Double, Double)] = [(0, 0), (reference.duration, target.duration)]
        if startColumn == 0 { points.append((refOn, tgtOn)) }
        if endColumn == b.frameCount - 1 { points.append((refOff, tgtOff)) }
        for i in 0..<(n - 1) {
            let t = fa.time(ofFrame: (position[i] + position[i + 1]) / 2)
            if startColumn == 0 && t <= refOn + 0.005 { continue }
            if endColumn == b.frameCount - 1 && t >= refOff - 0.005 { continue }
            let column = Double(ib[last[i]] + ib[first[i + 1]]) / 2
            points.append((t, min(max(fb.time(ofFrame: column), begin), end)))
        }
        let pauses = tgt.pauses.map { (fb.time(ofFrame: Double($0.lowerBound) - 0.5), fb.time(ofFrame: Double($0.upperBound) - 0.5)) }
        let confidence = Self.confidence(path: path, a: a, b: b, referenceSpeech: a.duration, targetSpeech: b.duration)
        return (TimeWarp(points: points), confidence, pauses)
    }

    /// `matrix` (whose rows are the full matrix's `frames`) resampled to `count` rows by linear interpolation, and
    /// the full-matrix frame position of every new row.
    static func stretched(_ matrix: FeatureMatrix, frames: [Int], to count: Int) -> (FeatureMatrix, [Double]) {
        let n = matrix.frameCount, dim = matrix.dimension
        guard n > 1, count > 1 else { return (matrix, frames.map(Double.init)) }
        var values = [Float](repeating: 0, count: count * dim)
        var position = [Double](repeating: 0, count: count)
        for k in 0..<count {
            let x = Double(k) * Double(n - 1) / Double(count - 1)
            let i = min(n - 2, Int(x)), f = x - Double(i)
            for d in 0..<dim {
                values[k * dim + d] = Float(Double(matrix.values[i * dim + d]) * (1 - f) + Double(matrix.values[(i + 1) * dim + d]) * f)
            }
            position[k] = Double(frames[i]) * (1 - f) + Double(frames[i + 1]) * f
        }
        return (FeatureMatrix(frameCount: count, dimension: dim, values: values, hop: matrix.hop, offset: matrix.offset), position)
    }

    /// Compares distances along the path with the mean distance of unrelated frame pairs (a fixed, evenly spread
    /// sample): matching speech sits far below that, different words close to it. Both the whole path and its worst
    /// stretches count (windows of 0.3 s of the target; the 80th percentile of their ratios), so a transcript with
    /// extra or missing words scores low even when most of it matches.
    static func confidence(path: DTWPath, a: FeatureMatrix, b: FeatureMatrix, referenceSpeech: Double, targetSpeech: Double) -> Double {
        let stats = pathStatistics(path: path, a: a, b: b)
        // Calibrated on four labelled recordings with their transcripts and nine recordings with another, a shorter or a
        // longer transcript: 0.23–1.0 for the matches; with TranscriptAligner's rate check, at most 0.15 for the mismatches.
        let mean = min(1, max(0, (0.85 - stats.meanRatio) / 0.15))
        let worst = min(1, max(0, (0.86 - stats.worstRatio) / 0.16))
        var c = min(mean, worst)
        let tempo = targetSpeech / max(referenceSpeech, 1e-6)
        if tempo < 0.33 || tempo > 3 { c *= 0.25 }
        return c
    }

    static func pathStatistics(path: DTWPath, a: FeatureMatrix, b: FeatureMatrix) -> (meanRatio: Double, worstRatio: Double) {
        var sum = 0.0, count = 0
        let samples = 4_000
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<samples {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let i = Int((state >> 33) % UInt64(a.frameCount))
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let j = Int((state >> 33) % UInt64(b.frameCount))
            sum += Double(DTWPath.distance(a, i, b, j))
            count += 1
        }
        let unrelated = sum / Double(max(count, 1))
        guard unrelated > 0 else { return (1, 1) }
        // Mean distance per target frame along the path, then per window of target frames.
        var perColumn = [Double](repeating: 0, count: b.frameCount), hits = [Double](repeating: 0, count: b.frameCount)
        for s in path.steps {
            perColumn[s.column] += Double(DTWPath.distance(a, s.row, b, s.column))
            hits[s.column] += 1
        }
        let window = max(1, Int((0.3 / b.hop).rounded()))
        var ratios: [Double] = []
        var k = 0
        while k < b.frameCount {
            let hi = min(b.frameCount, k + window)
            var d = 0.0, h = 0.0
            for j in k..<hi { d += perColumn[j]; h += hits[j] }
            if h > 0 { ratios.append(d / h / unrelated) }
            k += max(1, window / 2)
        }
        ratios.sort()
        let worst = ratios.isEmpty ? 1 : ratios[min(ratios.count - 1, Int(Double(ratios.count) * 0.8))]
        return (path.meanDistance / unrelated, worst)
    }
}

extension FeatureMatrix {
    /// Seconds spanned by the frames.
    var duration: Double { Double(frameCount) * hop }
}
