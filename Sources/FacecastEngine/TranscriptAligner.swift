import FacecastCore
import SpeechEspeak

/// Aligns a transcript to a recording of it: espeak-ng says the transcript (its phone and word timings are known),
/// at a rate matched to the recording's speech, and `TimelineTransfer` carries that timeline onto the recording.
public struct TranscriptAligner: Sendable {
    /// espeak-ng voices to try (e.g. a male and a female variant of the language); the best-matching one wins.
    public var voices: [String]
    public var matchRate = true
    public var options = TimelineTransfer.Options()

    public init(voices: [String]) {
        self.voices = voices
    }

    /// The language's default voice and its female variant.
    public init(language: String) {
        voices = [language, language + "+f3"]
    }

    public struct Result: Sendable {
        public var alignment: TimelineAlignment
        /// The espeak-ng voice and rate whose rendition matched best.
        public var voice: String
        public var rate: Int
    }

    /// Each voice's rendition is carried onto the target; the one that matches best (highest confidence) wins.
    /// (Averaging the voices' boundaries was measured too, and was worse: 23.5 ms median against 18.1 ms.)
    public func align(_ transcript: String, to target: AudioClip) throws -> Result {
        var best: Result?
        let targetSpeech = SpeechActivity.speakingSeconds(of: target) ?? target.duration
        for voice in voices {
            var rate = 175
            var speech = try EspeakSynthesizer.shared.synthesize(transcript, voice: voice, rate: rate)
            if matchRate, let spoken = SpeechActivity.speakingSeconds(of: AudioClip(samples: speech.samples, sampleRate: speech.sampleRate)), targetSpeech > 0.2 {
                let scaled = Double(rate) * spoken / targetSpeech
                rate = Int(min(450, max(80, scaled)).rounded())
                if abs(rate - 175) > 5 {
                    speech = try EspeakSynthesizer.shared.synthesize(transcript, voice: voice, rate: rate)
                }
            }
            let reference = AudioClip(samples: speech.samples, sampleRate: speech.sampleRate)
            var alignment = TimelineTransfer.transfer(speech.timeline, reference: reference, target: target, options: options)
            // A transcript that needs espeak-ng faster than 360 or slower than 90 words per minute to last as long as
            // the recording's speech is unlikely to be what was said.
            if matchRate && (rate > 360 || rate < 90) { alignment.confidence *= 0.25 }
            if best == nil || alignment.confidence > best!.alignment.confidence {
                best = Result(alignment: alignment, voice: voice, rate: rate)
            }
        }
        guard let best else { throw SpeechError.emptyText }
        return best
    }
}
