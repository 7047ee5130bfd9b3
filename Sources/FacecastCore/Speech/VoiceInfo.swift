/// A voice that can speak a script, as `facecast voices` lists it.
public struct VoiceInfo: Sendable, Hashable, Codable {
    public enum Engine: String, Sendable, Hashable, Codable {
        /// A neural network voice (Piper VITS run by sherpa-onnx): natural, English only for now.
        case neural
        /// espeak-ng's formant synthesiser: robotic but intelligible, in over a hundred languages.
        case formant
    }

    /// What `--voice` takes: "neural:joe", "espeak:en-us", "espeak:de", …
    public var id: String
    /// The main language as a lower-case BCP 47-like tag ("en-us", "de", "cmn").
    public var language: String
    /// Every language the voice speaks, main one first.
    public var languages: [String]
    /// For each of `languages`, how strongly the voice is meant for it (lower is preferred when several voices speak
    /// a language, as espeak-ng ranks them: fr-fr before fr-be for "fr"); empty: all equal.
    public var priorities: [Int] = []
    /// "male", "female" or "unknown".
    public var gender: String
    public var engine: Engine
    /// A human-readable name ("English_(America)", "Piper en_US joe (medium)").
    public var name: String
    /// The name the engine itself knows the voice by (espeak-ng's voice identifier, or the neural voice's name).
    public var engineName: String

    /// The voice's priority for a language it speaks (nil: it does not speak it).
    public func priority(for language: String) -> Int? {
        guard let i = languages.firstIndex(of: language) else { return nil }
        return i < priorities.count ? priorities[i] : 5
    }

    public init(id: String, language: String, languages: [String], priorities: [Int] = [], gender: String, engine: Engine,
                name: String, engineName: String) {
        self.id = id
        self.language = language
        self.languages = languages
        self.priorities = priorities
        self.gender = gender
        self.engine = engine
        self.name = name
        self.engineName = engineName
    }
}
