import FacecastCore
import Foundation
import SpeechEspeak
import SpeechNeural

extension Engine {
    /// The neural voice speaking `text`, with a phone/word timeline.
    ///
    /// The phonemes come from espeak-ng (IPA, with the clause punctuation), in the espeak-ng voice the model was
    /// trained on. VITS reports no durations, so espeak-ng also speaks the same text: its phone timings are known,
    /// and they are carried over onto the neural audio by aligning the two recordings.
    func neuralSpeech(_ text: String, rate: Int?, pitch: Int?, voice: VoiceInfo) throws -> SynthesizedSpeech {
        if pitch != nil {
            throw FacecastError(.speech, "--pitch works with espeak-ng voices only; the neural voice \(voice.id) has its own pitch. "
                + "Leave out --pitch, or choose an espeak-ng voice (e.g. --voice espeak:en-us).")
        }
        guard let neural = NeuralVoice.all.first(where: { $0.name == voice.engineName }) else {
            throw FacecastError(.speech, "Unknown neural voice \(voice.id). Run `facecast voices` to list them.")
        }
        let synthesizer = try NeuralSynthesizer.shared(neural, threads: Self.neuralThreads)
        let espeakVoice = synthesizer.config.espeakVoice
        // espeak-ng first: it rejects empty or unspeakable scripts with the usual messages.
        _ = try EspeakSynthesizer.shared.synthesize(text, voice: espeakVoice, rate: rate)
        let clauses = try EspeakSynthesizer.shared.phonemes(for: text, voice: espeakVoice)
        let sentences = PiperPhonemes.sentences(from: clauses, symbols: synthesizer.config.symbols)
        let audio = try synthesizer.synthesize(sentences: sentences, speed: Double(rate ?? 175) / 175)
        // espeak-ng says the same text (hence the same phonemes) at a rate matched to the neural speech; its timeline
        // is carried onto the neural audio by DTW on MFCCs (the same method as for recordings with a transcript: the
        // better-matching of a male and a female espeak-ng rendition wins).
        let clip = AudioClip(samples: audio.samples, sampleRate: audio.sampleRate)
        let aligned = try TranscriptAligner(language: espeakVoice).align(text, to: clip)
        return SynthesizedSpeech(samples: audio.samples, sampleRate: audio.sampleRate, timeline: aligned.alignment.timeline, voice: voice.id)
    }

    /// onnxruntime threads for the neural voice: every core, up to 4 (speech runs before the frames are rendered).
    static var neuralThreads: Int { min(4, max(1, ProcessInfo.processInfo.activeProcessorCount)) }
}
