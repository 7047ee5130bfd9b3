/// Picks the voice a render speaks with from `--voice` and `--language`.
///
/// Voice ids are "ENGINE:NAME": `neural:joe` (the Piper voice) or `espeak:LANGUAGE` (an espeak-ng voice, by the
/// language it speaks, e.g. `espeak:en-us`, `espeak:de`). `--voice` also takes a bare neural name (`joe`) and, as
/// before, a bare espeak-ng language or voice identifier (`en-us`, `de`, `gmw/en-US`), which means espeak-ng.
/// `--language` picks the language's default voice: the neural voice for English, espeak-ng for the rest.
/// With neither, the default is English (the neural voice).
public struct VoiceCatalog: Sendable {
    public var voices: [VoiceInfo]
    /// The language spoken when neither a voice nor a language is given.
    public static let defaultLanguage = "en-us"

    public init(voices: [VoiceInfo]) {
        self.voices = voices
    }

    public func resolve(voice: String?, language: String?) throws(VoiceSelectionError) -> VoiceInfo {
        let wantedLanguage = language.map(Self.normalised)
        if let wantedLanguage, wantedLanguage.isEmpty { throw .unknownLanguage("", suggestions: [])}
        guard let voice else { return try defaultVoice(for: wantedLanguage ?? Self.defaultLanguage) }
        let found = try find(voice)
        if let wantedLanguage, !Self.speaks(found, wantedLanguage) {
            throw .voiceDoesNotSpeak(voice: found.id, language: wantedLanguage, voiceLanguage: found.language)
        }
        return found
    }

    /// The voice a language is spoken with by default: the neural voice for English (any "en" variant) when one is
    /// available, otherwise the espeak-ng voice whose main language it is, otherwise one that also speaks it.
    public func defaultVoice(for language: String) throws(VoiceSelectionError) -> VoiceInfo {
        let tag = Self.normalised(language)
        if Self.base(of: tag) == "en", let neural = voices.first(where: { $0.engine == .neural && Self.base(of: $0.language) == "en" }) {
            return neural
        }
        let formant = voices.filter { $0.engine == .formant }
        if let v = formant.first(where: { $0.language == tag }) ?? Self.preferred(formant, for: tag) { return v }
        throw .unknownLanguage(tag, suggestions: suggestions(for: tag, in: Set(voices.flatMap(\.languages))))
    }

    func find(_ requested: String) throws(VoiceSelectionError) -> VoiceInfo {
        let key = Self.normalised(requested)
        if let v = voices.first(where: { Self.normalised($0.id) == key }) { return v }
        let (prefix, name): (String?, String) = {
            guard let colon = key.firstIndex(of: ":") else { return (nil, key) }
            return (String(key[..<colon]), String(key[key.index(after: colon)...]))
        }()
        let neural = voices.filter { $0.engine == .neural }
        let formant = voices.filter { $0.engine == .formant }
        switch prefix {
        case "neural":
            if let v = neural.first(where: { Self.normalised($0.engineName) == name }) { return v }
        case "espeak", "espeak-ng", nil:
            if prefix == nil, let v = neural.first(where: { Self.normalised($0.engineName) == name }) { return v }
            if let v = formant.first(where: { Self.normalised($0.engineName) == name })
                ?? formant.first(where: { $0.language == name })
                ?? Self.preferred(formant, for: name) {
                return v
            }
        default:
            break
        }
        throw .unknownVoice(requested, suggestions: suggestions(for: name, in: Set(voices.map(\.id))))
    }

    /// The voice with the best (lowest) priority for a language; the first listed among equals.
    static func preferred(_ voices: [VoiceInfo], for language: String) -> VoiceInfo? {
        voices.enumerated().compactMap { i, v in v.priority(for: language).map { (p: $0, i: i, v: v) } }
            .min { ($0.p, $0.i) < ($1.p, $1.i) }?.v
    }

    static func speaks(_ voice: VoiceInfo, _ language: String) -> Bool {
        voice.languages.contains(language) || voice.languages.contains { base(of: $0) == base(of: language) }
    }

    /// Lower case, "_" as "-", no surrounding spaces ("en_US" → "en-us").
    static func normalised(_ s: String) -> String {
        String(s.lowercased().map { $0 == "_" ? "-" : $0 }.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    static func base(of tag: String) -> String {
        String(tag.prefix { $0 != "-" })
    }

    /// Up to five known names close to a wrong one: same first letters, or the smallest edit distance.
    func suggestions(for wrong: String, in names: Set<String>) -> [String] {
        let bare = wrong.split(separator: ":").last.map(String.init) ?? wrong
        let ranked = names.map { name -> (Int, String) in
            let nameBare = name.split(separator: ":").last.map(String.init) ?? name
            let distance = Self.editDistance(bare, nameBare) - (nameBare.hasPrefix(Self.base(of: bare)) && !bare.isEmpty ? 2 : 0)
            return (distance, name)
        }.sorted { $0 < $1 }
        return ranked.prefix(5).filter { $0.0 <= max(1, bare.count / 3) }.map(\.1)
    }

    static func editDistance(_ a: String, _ b: String) -> Int { EditDistance.between(Array(a), Array(b)) }
}

/// Why a voice or language could not be chosen.
public enum VoiceSelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownVoice(String, suggestions: [String])
    case unknownLanguage(String, suggestions: [String])
    case voiceDoesNotSpeak(voice: String, language: String, voiceLanguage: String)

    public var description: String {
        switch self {
        case .unknownVoice(let v, let s):
            return "Unknown voice \"\(v)\"." + Self.didYouMean(s)
                + " Run `facecast voices` to list them: neural:joe (natural English), espeak:LANGUAGE for espeak-ng (e.g. espeak:en-us, espeak:de)."
        case .unknownLanguage(let l, let s):
            return "Unknown language \"\(l)\"." + Self.didYouMean(s)
                + " Run `facecast voices` to list the languages (e.g. en, es, de, fr, hi, cmn, ar)."
        case .voiceDoesNotSpeak(let voice, let language, let voiceLanguage):
            return "The voice \(voice) speaks \(voiceLanguage), not \(language). Leave out --voice to use \(language)'s default voice, or pick one from `facecast voices`."
        }
    }

    private static func didYouMean(_ s: [String]) -> String {
        s.isEmpty ? "" : " Did you mean " + s.map { "\"\($0)\"" }.joined(separator: ", ") + "?"
    }
}
