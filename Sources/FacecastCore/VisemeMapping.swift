/// Maps espeak-ng IPA phones to the 15 viseme classes.
///
/// The phone is reduced to its significant letters first: stress (ˈ ˌ), length (ː ˑ), tie bars,
/// combining diacritics (syllabic, nasal, voiceless, …), modifier letters (ʰ ʲ ʷ ˞ tone letters),
/// digits and pause marks are dropped. Affricates are recognised on their first two letters
/// (tʃ dʒ tɕ ʈʂ → CH, ts dz → SS); anything else is classified by its first letter, so diphthongs
/// take their first vowel and syllabic consonants their consonant.
public enum VisemeMapping {
    /// Viseme of one phone given as IPA. Empty strings and pauses are `.silence`; letters the table
    /// does not know fall back to `.E` (a neutral, mid-open mouth) rather than to silence, so an
    /// unknown sound never shuts the mouth in the middle of speech.
    public static func viseme(forIPA phone: String) -> Viseme {
        let letters = significantScalars(phone)
        guard let first = letters.first else { return .silence }
        if letters.count >= 2, let affricate = affricate(first, letters[1]) { return affricate }
        return table[first.value] ?? .E
    }

    /// True when the IPA string carries primary stress (ˈ).
    public static func isStressed(_ phone: String) -> Bool {
        phone.unicodeScalars.contains { $0.value == 0x02C8 }
    }

    /// True for the classes that are vowels (the syllable nucleus).
    static func isVowel(_ viseme: Viseme) -> Bool {
        switch viseme {
        case .aa, .E, .I, .O, .U: true
        default: false
        }
    }

    // MARK: - Reduction to significant letters

    static func significantScalars(_ phone: String) -> [Unicode.Scalar] {
        phone.unicodeScalars.compactMap { s -> Unicode.Scalar? in
            let v = s.value
            switch v {
            case 0x41...0x5A:
                // Stray upper-case ASCII (X-SAMPA-like input): read as the lower-case letter.
                return Unicode.Scalar(v + 0x20)
            case 0x00...0x40, 0x5B...0x60, 0x7B...0x7F:
                // ASCII punctuation, digits, whitespace and espeak's pause marks (_ | , . ' : -).
                return nil
            case 0x02B0...0x02FF:
                // Spacing modifier letters: ʰ ʲ ʷ ˠ ˤ ˈ ˌ ː ˑ ˞ ʼ and the tone letters ˥…˩.
                return nil
            case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF:
                // Combining marks: tie bars, syllabic, non-syllabic, nasal, voiceless, …
                return nil
            case 0x1D2C...0x1D6A, 0x2070...0x209F:
                // Superscript / subscript letters (ᵐ ⁿ ᵑ …) used for prenasalisation and release.
                return nil
            default:
                return baseLetter[v].map { Unicode.Scalar($0)! } ?? s
            }
        }
    }

    private static func affricate(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Viseme? {
        switch (a, b) {
        case ("t", "ʃ"), ("d", "ʒ"), ("t", "ɕ"), ("d", "ʑ"), ("ʈ", "ʂ"), ("ɖ", "ʐ"), ("t", "ʂ"), ("d", "ʐ"):
            return .CH
        case ("t", "s"), ("d", "z"):
            return .SS
        case ("t", "θ"), ("d", "ð"):
            return .TH
        case ("p", "f"), ("b", "v"):
            return .PP
        default:
            return nil
        }
    }

    /// Precomposed Latin letters (as some espeak voices emit them) → their base letter.
    private static let baseLetter: [UInt32: UInt32] = {
        var m: [UInt32: UInt32] = [:]
        let groups: [(String, Character)] = [
            ("àáâãäåāăą", "a"), ("èéêëēĕėęě", "e"), ("ìíîïĩīĭįı", "i"), ("òóôõöōŏő", "o"),
            ("ùúûüũūŭůűų", "u"), ("ýÿŷ", "y"), ("çćĉċč", "c"), ("ñńņňŉ", "n"), ("śŝşšș", "s"),
            ("źżž", "z"), ("ďđ", "d"), ("ťţț", "t"), ("ĺļľŀł", "l"), ("ŕŗř", "r"), ("ĝğġģ", "g"),
            ("ĥħ", "h"), ("ĵ", "j"), ("ķ", "k"), ("ŵ", "w"),
        ]
        for (letters, base) in groups {
            for s in letters.unicodeScalars { m[s.value] = base.unicodeScalars.first!.value }
        }
        return m
    }()

    private static let table: [UInt32: Viseme] = {
        var m: [UInt32: Viseme] = [:]
        func put(_ letters: String, _ v: Viseme) {
            for s in letters.unicodeScalars { m[s.value] = v }
        }
        // Consonants.
        put("pbmɓʙβɸ", .PP)  // bilabials; the fricatives are near-closures, shown as closures
        put("fvɱʋⱱ", .FF)  // labiodentals
        put("θð", .TH)
        put("tdɾʈɖɗɽ", .DD)
        put("kgɡqɢxɣχʁħʕhɦʔcɟçʝŋɴɠʛʀɰ", .kk)  // dorsal, uvular, pharyngeal, glottal
        put("ʃʒɕʑʂʐʧʤʨʥ", .CH)
        put("szʦʣ", .SS)
        put("nlɲɳɫɬɮʎɭʟɺ", .nn)
        put("ɹrɻ", .RR)
        put("wʍɥ", .U)
        put("j", .I)
        // Vowels (first vowel of a diphthong decides).
        put("aɑæɐäɶʌ", .aa)
        put("eɛəɚɜɝɘɞɤ", .E)
        put("iɪɨɯᵻ", .I)
        put("oɔɒøœɵ", .O)
        put("uʊyʏʉᵿ", .U)
        return m
    }()
}
