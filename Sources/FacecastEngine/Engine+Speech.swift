import FacecastCore
import SpeechEspeak

extension Engine {
    /// The audio and phone/word timeline a render animates to. Every speech source goes through here.
    func speech(for request: RenderRequest) throws -> SynthesizedSpeech {
        if let audioPath = request.audioPath { return try recordedSpeech(for: request, audioPath: audioPath) }
        do {
            let voice = try selectVoice(voice: request.voice, language: request.language)
            if voice.engine == .neural { return try neuralSpeech(for: request, voice: voice) }
            return try EspeakSynthesizer.shared.synthesize(request.text, voice: voice.engineName, rate: request.rate, pitch: request.pitch)
        } catch { throw FacecastError.wrap(error) }
    }
}
