import SpeechEspeak

extension Engine {
    /// Every voice espeak-ng has installed.
    public func voices() throws -> [EspeakVoice] {
        do { return try EspeakSynthesizer.shared.voices() } catch { throw FacecastError.wrap(error) }
    }
}
