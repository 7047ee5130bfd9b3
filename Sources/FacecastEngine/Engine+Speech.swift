import FacecastCore
import SpeechEspeak

extension Engine {
    /// The audio and phone/word timeline a render animates to. Every speech source goes through here.
    func speech(for request: RenderRequest) throws -> SynthesizedSpeech {
        if let audioPath = request.audioPath { return try recordedSpeech(for: request, audioPath: audioPath) }
        do {
            return try EspeakSynthesizer.shared.synthesize(request.text, voice: request.voice, rate: request.rate, pitch: request.pitch)
        } catch { throw FacecastError.wrap(error) }
    }
}
