/// Carries a known phone/word timeline from one rendition of an utterance to another rendition of the same words
/// (a synthetic voice, or a person's recording), by dynamic time warping of their MFCCs.
///
/// Method: MFCCs (25 ms windows every 5 ms, a mel band both sample rates can represent), normalised per clip over
/// its speech, with deltas; leading and trailing silence cut off each clip (kept as 80 ms margins); multi-resolution
/// DTW (averaged frames ×4 per level, refined within a radius at each finer level), so time and memory grow linearly.
/// Each boundary of the reference maps to where the path crosses it; silences before and after the speech map
/// linearly onto the target's.
public enum TimelineTransfer {
    public struct Options: Sendable {
        public var mfcc = MFCC()
        /// Added to a horizontal or vertical DTW step (in units of normalised feature distance).
        public var stepPenalty: Float = 0.5
        /// Half-width in frames of the refinement window around the coarser path.
        public var radius = 12
        public var deltaWeight: Float = 1
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
        return TimelineAlignment(timeline: map.warp.apply(to: timeline, duration: target.duration), confidence: map.confidence)
    }

    /// The monotone map from reference time to target time, and the confidence of the match.
    public static func timeMap(reference: AudioClip, target: AudioClip, options: Options = Options()) -> (warp: TimeWarp, confidence: Double) {
        var mfcc = options.mfcc
        mfcc.highHz = min(mfcc.highHz, MFCC.commonHighHz(reference.sampleRate, target.sampleRate))
        let ref = AlignmentFeatures(clip: reference, mfcc: mfcc, deltaWeight: options.deltaWeight)
        let tgt = AlignmentFeatures(clip: target, mfcc: mfcc, deltaWeight: options.deltaWeight)
        let linear = TimeWarp(points: [(0, 0), (max(reference.duration, 1e-6), target.duration)])
        guard ref.speech.count >= 4, tgt.speech.count >= 4 else { return (linear, 0) }
        let a = ref.features.slice(ref.speech), b = tgt.features.slice(tgt.speech)
        let path = DTWPath.multiscale(rows: a, columns: b, stepPenalty: options.stepPenalty, radius: options.radius)
        guard !path.steps.isEmpty else { return (linear, 0) }
        // Where the path leaves each reference frame: the boundary after row i lies between the last column of row i
        // and the first column of row i + 1 (the same column for a vertical step, the next one for a diagonal step).
        let n = a.frameCount
        var first = [Int](repeating: -1, count: n), last = [Int](repeating: -1, count: n)
        for s in path.steps {
            if first[s.row] < 0 { first[s.row] = s.column }
            last[s.row] = s.column
        }
        let hop = a.hop
        var points: [(Double, Double)] = [(0, 0)]
        let refStart = a.time(ofFrame: -0.5), tgtStart = b.time(ofFrame: -0.5)
        points.append((refStart, tgtStart))
        for i in 0..<(n - 1) {
            let column = Double(last[i] + first[i + 1]) / 2
            points.append((a.time(ofFrame: Double(i) + 0.5), b.time(ofFrame: column)))
        }
        points.append((a.time(ofFrame: Double(n) - 0.5), b.time(ofFrame: Double(b.frameCount) - 0.5)))
        points.append((max(reference.duration, a.time(ofFrame: Double(n)) + hop), max(target.duration, b.time(ofFrame: Double(b.frameCount)) + hop)))
        let confidence = Self.confidence(path: path, a: a, b: b, referenceSpeech: a.duration, targetSpeech: b.duration)
        return (TimeWarp(points: points), confidence)
    }

    /// Compares the mean distance along the path with the mean distance of unrelated frame pairs (a fixed, evenly
    /// spread sample): matching speech sits far below that, different words close to it. Extreme tempo ratios lower it too.
    static func confidence(path: DTWPath, a: FeatureMatrix, b: FeatureMatrix, referenceSpeech: Double, targetSpeech: Double) -> Double {
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
        guard unrelated > 0 else { return 0 }
        let ratio = path.meanDistance / unrelated
        var c = min(1, max(0, (0.80 - ratio) / (0.80 - 0.55)))
        let tempo = targetSpeech / max(referenceSpeech, 1e-6)
        if tempo < 0.33 || tempo > 3 { c *= 0.25 }
        return c
    }
}

extension FeatureMatrix {
    /// Seconds spanned by the frames.
    var duration: Double { Double(frameCount) * hop }
}
