import FacecastCore
import SpeechEspeak
import Testing

/// The aligner on real espeak-ng speech whose timelines are known on both sides.
@Suite struct TimelineTransferTests {
    static let text = "The quick brown fox jumps over the lazy dog, and then it runs back home to sleep."

    /// Phone starts (excluding the first) of two timelines with the same phones.
    func boundaryErrors(_ a: SpeechTimeline, _ b: SpeechTimeline) -> [Double] {
        let sa = a.phones.filter { !$0.phone.isEmpty }, sb = b.phones.filter { !$0.phone.isEmpty }
        guard sa.count == sb.count else { return [] }
        return zip(sa, sb).dropFirst().map { abs($0.start - $1.start) }
    }

    @Test func slowSpeechAgainstFastSpeechOfTheSameVoice() throws {
        let fast = try EspeakSynthesizer.shared.synthesize(Self.text, voice: "en-us", rate: 190)
        let slow = try EspeakSynthesizer.shared.synthesize(Self.text, voice: "en-us+f3", rate: 120, pitch: 70)
        let result = TimelineTransfer.transfer(fast.timeline, reference: AudioClip(samples: fast.samples, sampleRate: fast.sampleRate),
                                               target: AudioClip(samples: slow.samples, sampleRate: slow.sampleRate))
        let errors = boundaryErrors(result.timeline, slow.timeline).sorted()
        try #require(errors.count > 40)
        let median = errors[errors.count / 2], p90 = errors[errors.count * 9 / 10]
        print("espeak 190 wpm → 120 wpm f3: median \(median * 1000) ms, p90 \(p90 * 1000) ms, confidence \(result.confidence)")
        #expect(median < 0.020)
        #expect(p90 < 0.050)
        #expect(result.confidence > 0.6)
        #expect(abs(result.timeline.duration - slow.timeline.duration) < 1e-9)
    }

    @Test func differentWordsGiveLowConfidence() throws {
        let a = try EspeakSynthesizer.shared.synthesize(Self.text, voice: "en-us")
        let b = try EspeakSynthesizer.shared.synthesize("Seven silver spoons were lying in a wooden drawer near the window.", voice: "en-us+f3")
        let result = TimelineTransfer.transfer(a.timeline, reference: AudioClip(samples: a.samples, sampleRate: a.sampleRate),
                                               target: AudioClip(samples: b.samples, sampleRate: b.sampleRate))
        print("mismatched confidence \(result.confidence)")
        #expect(result.confidence < 0.3)
    }
}
