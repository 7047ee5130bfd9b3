/// A common phone alphabet for comparing annotations made with different symbol sets: the 39 ARPAbet phones of
/// the CMU dictionary (stress removed) plus "sil". espeak-ng IPA, TextGrid IPA and ARPAbet (upper or lower case,
/// with stress digits; TIMIT-style ax/axr/ix/dx/pau) all map onto it.
public enum PhoneClass {
    /// The ARPAbet symbol for a phone label, "sil" for silences and pauses, nil for a label it cannot read.
    public static func arpabet(_ label: String) -> String? {
        let trimmed = label.trimmingCharacters(in: " \t")
        if trimmed.isEmpty { return "sil" }
        let lower = trimmed.lowercased()
        let letters = String(lower.unicodeScalars.filter { !("0"..."9").contains($0) })
        if let a = arpabetAliases[letters] { return a }
        if arpabetSet.contains(letters) { return letters }
        // IPA: drop stress, length and diacritics, then look up the whole, then the first two letters, then one.
        let ipa = String(String.UnicodeScalarView(trimmed.unicodeScalars.filter { s in
            !(0x02B0...0x02FF).contains(s.value) && !(0x0300...0x036F).contains(s.value) && s != "'" && s != ":" && s != "_"
        }))
        if ipa.isEmpty { return "sil" }
        if let a = ipaTable[ipa] { return a }
        let scalars = Array(ipa.unicodeScalars)
        if scalars.count >= 2, let a = ipaTable[String(String.UnicodeScalarView(scalars[0..<2]))] { return a }
        return ipaTable[String(scalars[0])]
    }

    /// Broad class: vowel, stop, fricative, nasal, liquid/glide, silence (for partial credit when matching sequences).
    public static func broad(_ arpabet: String) -> Character {
        switch arpabet {
        case "sil": return "_"
        case "p", "b", "t", "d", "k", "g", "ch", "jh": return "S"
        case "f", "v", "th", "dh", "s", "z", "sh", "zh", "hh": return "F"
        case "m", "n", "ng": return "N"
        case "l", "r", "w", "y": return "L"
        default: return "V"
        }
    }

    static let arpabetSet: Set<String> = [
        "aa", "ae", "ah", "ao", "aw", "ay", "b", "ch", "d", "dh", "eh", "er", "ey", "f", "g", "hh", "ih", "iy", "jh",
        "k", "l", "m", "n", "ng", "ow", "oy", "p", "r", "s", "sh", "t", "th", "uh", "uw", "v", "w", "y", "z", "zh", "sil",
    ]
    static let arpabetAliases: [String: String] = [
        "pau": "sil", "h#": "sil", "sp": "sil", "spn": "sil", "ax": "ah", "axr": "er", "ix": "ih", "ux": "uw",
        "dx": "t", "nx": "n", "en": "n", "em": "m", "el": "l", "hv": "hh", "q": "t", "eng": "ng", "ax-h": "ah",
    ]
    static let ipaTable: [String: String] = [
        "p": "p", "b": "b", "t": "t", "d": "d", "k": "k", "g": "g", "ɡ": "g", "f": "f", "v": "v", "θ": "th", "ð": "dh",
        "s": "s", "z": "z", "ʃ": "sh", "ʒ": "zh", "h": "hh", "tʃ": "ch", "dʒ": "jh", "m": "m", "n": "n", "ŋ": "ng",
        "l": "l", "ɫ": "l", "ɹ": "r", "r": "r", "ɾ": "t", "ʔ": "t", "w": "w", "j": "y",
        "i": "iy", "ɪ": "ih", "ᵻ": "ih", "ɨ": "ih", "eɪ": "ey", "e": "ey", "ɛ": "eh", "æ": "ae", "a": "aa", "ɑ": "aa",
        "ɒ": "aa", "ɔ": "ao", "oʊ": "ow", "o": "ow", "əʊ": "ow", "ʊ": "uh", "u": "uw", "ʌ": "ah", "ə": "ah",
        "ɚ": "er", "ɝ": "er", "ɜ": "er", "aɪ": "ay", "aʊ": "aw", "ɔɪ": "oy", "œ": "ah", "ɐ": "ah", "əl": "l",
    ]
}
