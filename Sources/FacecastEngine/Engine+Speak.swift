import FacecastCore

extension Engine {
    /// Speech alone (no video): the audio and timeline `render` would animate to, with the same voice selection.
    public func speak(_ text: String, voice: String? = nil, language: String? = nil, rate: Int? = nil, pitch: Int? = nil) throws -> SynthesizedSpeech {
        var request = RenderRequest(photoPath: "", text: text, outputPath: "")
        request.voice = voice
        request.language = language
        request.rate = rate
        request.pitch = pitch
        return try speech(for: request)
    }
}
