@testable import FacecastCore
import Testing

@Suite struct VoiceCatalogTests {
    static let catalog = VoiceCatalog(voices: [
        VoiceInfo(id: "neural:joe", language: "en-us", languages: ["en-us", "en"], gender: "male", engine: .neural, name: "Joe", engineName: "joe"),
        VoiceInfo(id: "espeak:de", language: "de", languages: ["de"], gender: "male", engine: .formant, name: "German", engineName: "gmw/de"),
        VoiceInfo(id: "espeak:en-gb", language: "en-gb", languages: ["en-gb", "en"], gender: "male", engine: .formant, name: "English (GB)", engineName: "gmw/en"),
        VoiceInfo(id: "espeak:en-us", language: "en-us", languages: ["en-us", "en"], gender: "male", engine: .formant, name: "English (America)", engineName: "gmw/en-US"),
        VoiceInfo(id: "espeak:es", language: "es", languages: ["es"], gender: "male", engine: .formant, name: "Spanish", engineName: "roa/es"),
        VoiceInfo(id: "espeak:fr-be", language: "fr-be", languages: ["fr-be", "fr"], priorities: [5, 8], gender: "male", engine: .formant, name: "French (Belgium)", engineName: "roa/fr-BE"),
        VoiceInfo(id: "espeak:fr-fr", language: "fr-fr", languages: ["fr-fr", "fr"], priorities: [5, 5], gender: "male", engine: .formant, name: "French (France)", engineName: "roa/fr"),
        VoiceInfo(id: "espeak:cmn", language: "cmn", languages: ["cmn", "zh-cmn", "zh"], gender: "male", engine: .formant, name: "Chinese (Mandarin)", engineName: "sit/cmn"),
    ])

    @Test func englishDefaultsToTheNeuralVoice() throws {
        #expect(try Self.catalog.resolve(voice: nil, language: nil).id == "neural:joe")
        for language in ["en", "en-us", "EN_US", "en-gb"] {
            #expect(try Self.catalog.resolve(voice: nil, language: language).id == "neural:joe", "\(language)")
        }
    }

    @Test func otherLanguagesUseEspeak() throws {
        #expect(try Self.catalog.resolve(voice: nil, language: "de").id == "espeak:de")
        #expect(try Self.catalog.resolve(voice: nil, language: "zh").id == "espeak:cmn")
        #expect(try Self.catalog.resolve(voice: nil, language: "fr").id == "espeak:fr-fr", "espeak-ng's preferred French")
        #expect(try Self.catalog.resolve(voice: "espeak:fr", language: nil).id == "espeak:fr-fr")
    }

    @Test func voicesByIdNameOrBareEspeakLanguage() throws {
        #expect(try Self.catalog.resolve(voice: "neural:joe", language: nil).engine == .neural)
        #expect(try Self.catalog.resolve(voice: "joe", language: nil).id == "neural:joe")
        #expect(try Self.catalog.resolve(voice: "espeak:en-us", language: nil).id == "espeak:en-us")
        #expect(try Self.catalog.resolve(voice: "en-us", language: nil).id == "espeak:en-us", "a bare espeak language means espeak-ng, as before")
        #expect(try Self.catalog.resolve(voice: "gmw/en-US", language: nil).id == "espeak:en-us")
        #expect(try Self.catalog.resolve(voice: "espeak:en", language: nil).id == "espeak:en-gb")
        #expect(try Self.catalog.resolve(voice: "espeak:de", language: "de").id == "espeak:de")
    }

    @Test func unknownVoicesAndLanguagesAreClearErrors() {
        #expect(throws: VoiceSelectionError.unknownVoice("neural:bob", suggestions: [])) {
            try Self.catalog.resolve(voice: "neural:bob", language: nil)
        }
        #expect(throws: VoiceSelectionError.unknownVoice("neural:de", suggestions: ["espeak:de"])) {
            try Self.catalog.resolve(voice: "neural:de", language: nil)
        }
        #expect(throws: VoiceSelectionError.unknownLanguage("xx", suggestions: [])) {
            try Self.catalog.resolve(voice: nil, language: "xx")
        }
        #expect(throws: VoiceSelectionError.voiceDoesNotSpeak(voice: "espeak:de", language: "es", voiceLanguage: "de")) {
            try Self.catalog.resolve(voice: "espeak:de", language: "es")
        }
        let message = VoiceSelectionError.unknownVoice("espeak:dee", suggestions: ["espeak:de"]).description
        #expect(message.contains("Unknown voice \"espeak:dee\"") && message.contains("Did you mean \"espeak:de\"") && message.contains("facecast voices"))
    }
}

@Suite struct PiperPhonemesTests {
    static let symbols: Set<Unicode.Scalar> = Set("^$ _!',.:;?abdefhijklmnoprstuvwzæðŋɐɑɔəɛɜɡɪɹɾʃʊʌʒˈˌːθ".unicodeScalars)

    @Test func clausesJoinIntoSentencesWithTheirPunctuation() {
        let clauses = [PhonemeClause(ipa: "həlˈoʊ", punctuation: ","), PhonemeClause(ipa: "wˈɜːld", punctuation: "!"),
                       PhonemeClause(ipa: "ɪz ðɪs ɪt", punctuation: "?"), PhonemeClause(ipa: "jˈɛs", punctuation: nil)]
        let sentences = PiperPhonemes.sentences(from: clauses, symbols: Self.symbols).map { String(String.UnicodeScalarView($0)) }
        // "o" and "ʊ" are in the table; unknown code points would be dropped.
        #expect(sentences == ["^həlˈoʊ, wˈɜːld!$", "^ɪz ðɪs ɪt?$", "^jˈɛs$"])
    }

    @Test func unknownSymbolsAndLanguageMarkersAreDropped() {
        let clauses = [PhonemeClause(ipa: "(fr)bɔ̃ʒuʁ(en) hi", punctuation: ".")]
        let s = PiperPhonemes.sentences(from: clauses, symbols: Self.symbols).map { String(String.UnicodeScalarView($0)) }
        #expect(s == ["^bɔʒu hi.$"])
        #expect(PiperPhonemes.sentences(from: [PhonemeClause(ipa: "", punctuation: ".")], symbols: Self.symbols).isEmpty)
    }
}

@Suite struct WordErrorRateTests {
    @Test func countsSubstitutionsDeletionsAndInsertions() {
        #expect(WordErrorRate(reference: "Hello, world! It's fine.", hypothesis: "hello world it's fine") == WordErrorRate(errors: 0, referenceWords: 4))
        #expect(WordErrorRate(reference: "the cat sat on the mat", hypothesis: "the cat sat in the mat").errors == 1)
        #expect(WordErrorRate(reference: "the cat sat on the mat", hypothesis: "cat sat on the mat today").errors == 2)
        #expect(WordErrorRate(reference: "a b c d", hypothesis: "").rate == 1)
        let pooled = WordErrorRate(errors: 1, referenceWords: 10) + WordErrorRate(errors: 2, referenceWords: 10)
        #expect(abs(pooled.rate - 0.15) < 1e-12)
    }
}
