/// Turns espeak-ng IPA clauses into the input of a Piper voice: one array of Unicode code points per sentence, the
/// clause punctuation kept after its phonemes (Piper voices are trained on espeak-ng IPA with punctuation, which
/// shapes the pauses and the intonation), clauses joined by a space, wrapped in Piper's sentence start `^` and end `$`.
///
/// Code points the voice has no id for are dropped (they would be rejected or read as garbage), and so are espeak-ng's
/// language-switch markers such as "(fr)".
public enum PiperPhonemes {
    public static let sentenceStart: Unicode.Scalar = "^"
    public static let sentenceEnd: Unicode.Scalar = "$"

    /// `symbols`: the code points the voice knows (its `phoneme_id_map` keys). Sentences with no phoneme are left out.
    public static func sentences(from clauses: [PhonemeClause], symbols: Set<Unicode.Scalar>) -> [[Unicode.Scalar]] {
        var result: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var hasPhoneme = false
        func finishSentence() {
            while current.last == " " { current.removeLast() }
            if hasPhoneme { result.append([sentenceStart] + current + [sentenceEnd]) }
            current = []
            hasPhoneme = false
        }
        for clause in clauses {
            let phonemes = withoutLanguageMarkers(clause.ipa).unicodeScalars.filter { symbols.contains($0) && $0 != sentenceStart && $0 != sentenceEnd }
            let trimmed = phonemes.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
            if !trimmed.isEmpty {
                if !current.isEmpty, current.last != " " { current.append(" ") }
                current.append(contentsOf: trimmed)
                hasPhoneme = true
            }
            if hasPhoneme, let p = clause.punctuation, let scalar = p.unicodeScalars.first, symbols.contains(scalar) {
                current.append(scalar)
            }
            if clause.endsSentence { finishSentence() }
        }
        finishSentence()
        return result
    }

    /// Removes espeak-ng's "(xx)" / "(xx-yy)" language-switch markers.
    static func withoutLanguageMarkers(_ ipa: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(ipa.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "(", let close = scalars[(i + 1)...].firstIndex(of: ")"),
               close > i + 1, scalars[(i + 1)..<close].allSatisfy({ ("a"..."z").contains($0) || $0 == "-" }) {
                i = close + 1
                continue
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }
}
