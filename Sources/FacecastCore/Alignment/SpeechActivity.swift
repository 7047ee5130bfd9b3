/// Where the speech in a clip starts and ends (energy above the noise floor; see `AlignmentFeatures.speechFrames`).
public enum SpeechActivity {
    /// Seconds from the start of the clip to the first and last speech, nil when the clip holds no speech.
    public static func span(of clip: AudioClip) -> (start: Double, end: Double)? {
        var mfcc = MFCC()
        mfcc.cepstra = 1
        let (features, energy) = mfcc.analyse(clip)
        guard let frames = AlignmentFeatures.speechFrames(energy: energy) else { return nil }
        return (features.time(ofFrame: Double(frames.lowerBound)) - mfcc.frameSeconds / 2,
                min(clip.duration, features.time(ofFrame: Double(frames.upperBound - 1)) + mfcc.frameSeconds / 2))
    }
}

extension SpeechActivity {
    /// Seconds of speech: from the first to the last speech, less the pauses of 0.2 s or more (for matching a
    /// synthetic voice's rate to a speaker's).
    public static func speakingSeconds(of clip: AudioClip) -> Double? {
        var mfcc = MFCC()
        mfcc.cepstra = 1
        let f = AlignmentFeatures(clip: clip, mfcc: mfcc, padding: 0)
        guard let on = f.onset, let off = f.offset else { return nil }
        let paused = f.pauses.reduce(0.0) { $0 + Double($1.count) * f.features.hop }
        return max(0, off - on - paused)
    }
}
