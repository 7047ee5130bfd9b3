import FacecastCore
import Foundation
import SpeechEspeak
import SpeechNeural

extension Engine {
    /// The neural voice speaking the request's text, with a phone/word timeline.
    ///
    /// The phonemes come from espeak-ng (IPA, with the clause punctuation), in the espeak-ng voice the model was
    /// trained on. VITS reports no durations, so espeak-ng also speaks the same text: its phone timings are known,
    /// and they are carried over onto the neural audio by aligning the two recordings.
    func neuralSpeech(for request: RenderRequest, voice: VoiceInfo) throws -> SynthesizedSpeech {
        if request.pitch != nil {
            throw FacecastError(.speech, "--pitch works with espeak-ng voices only; the neural voice \(voice.id) has its own pitch. "
                + "Leave out --pitch, or choose an espeak-ng voice (e.g. --voice espeak:en-us).")
        }
        guard let neural = NeuralVoice.all.first(where: { $0.name == voice.engineName }) else {
            throw FacecastError(.speech, "Unknown neural voice \(voice.id). Run `facecast voices` to list them.")
        }
        let synthesizer = try NeuralSynthesizer.shared(neural, threads: Self.neuralThreads)
        let espeakVoice = synthesizer.config.espeakVoice
        // First: it rejects empty or unspeakable scripts with the usual messages.
        let reference = try EspeakSynthesizer.shared.synthesize(request.text, voice: espeakVoice, rate: request.rate)
        let clauses = try EspeakSynthesizer.shared.phonemes(for: request.text, voice: espeakVoice)
        let sentences = PiperPhonemes.sentences(from: clauses, symbols: synthesizer.config.symbols)
        let audio = try synthesizer.synthesize(sentences: sentences, speed: Double(request.rate ?? 175) / 175)
        let timeline = Self.provisionalTimeline(reference.timeline, duration: Double(audio.samples.count) / Double(audio.sampleRate))
        return SynthesizedSpeech(samples: audio.samples, sampleRate: audio.sampleRate, timeline: timeline, voice: voice.id)
    }

    /// onnxruntime threads for the neural voice: every core, up to 4 (speech runs before the frames are rendered).
    static var neuralThreads: Int { min(4, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    /// PROVISIONAL, until the audio aligner lands: the espeak-ng timeline stretched linearly to the neural audio's length.
    /// Not accurate enough to ship (the two voices pause differently).
    static func provisionalTimeline(_ t: SpeechTimeline, duration: Double) -> SpeechTimeline {
        let k = t.duration > 0 ? duration / t.duration : 1
        return SpeechTimeline(
            duration: duration,
            phones: t.phones.map { PhoneSegment(start: $0.start * k, end: $0.end * k, phone: $0.phone, viseme: $0.viseme, stressed: $0.stressed) },
            words: t.words.map { WordSegment(start: $0.start * k, end: $0.end * k, text: $0.text) })
    }
}
