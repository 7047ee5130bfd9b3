import FacecastCore
import SpeechEspeak
import SpeechNeural

extension Engine {
    /// Every voice that can speak: the installed neural voices first, then espeak-ng's (`facecast voices`).
    public func availableVoices() throws -> [VoiceInfo] {
        // Listed even when not installed: choosing it then says how to install it.
        let neural = NeuralVoice.all.map { v in
            VoiceInfo(id: "neural:" + v.name, language: v.language, languages: [v.language, "en"], gender: v.gender,
                      engine: .neural, name: v.description, engineName: v.name)
        }
        let espeak: [EspeakVoice]
        do { espeak = try EspeakSynthesizer.shared.voices() } catch { throw FacecastError.wrap(error) }
        var used = Set<String>()
        let formant = espeak.map { v -> VoiceInfo in
            let languages = v.languages.map { $0.lowercased() }
            let language = languages.first ?? v.identifier.lowercased()
            // The id is the voice's main language; a second voice for the same language goes by its identifier.
            let id = used.insert(language).inserted ? "espeak:" + language : "espeak:" + v.identifier.lowercased()
            return VoiceInfo(id: id, language: language, languages: languages, priorities: v.priorities, gender: v.gender, engine: .formant,
                             name: v.name.replacingOccurrences(of: "_", with: " "), engineName: v.identifier)
        }
        return neural + formant
    }

    /// The voice `--voice` / `--language` ask for (see `VoiceCatalog` for the naming).
    public func selectVoice(voice: String?, language: String?) throws -> VoiceInfo {
        let catalog = VoiceCatalog(voices: try availableVoices())
        do { return try catalog.resolve(voice: voice, language: language) } catch { throw FacecastError.wrap(error) }
    }

    /// The espeak-ng language or voice that reads a recording's transcript for alignment: `language`, else the espeak-ng
    /// voice of `--voice` (the neural voice's own espeak-ng voice for a neural one), else US English.
    func alignmentLanguage(for request: RenderRequest) throws -> String {
        if let language = request.language { return language }
        guard let voice = request.voice else { return "en-us" }
        let chosen = try selectVoice(voice: voice, language: nil)
        return chosen.engine == .formant ? chosen.engineName : "en-us"
    }
}
