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
