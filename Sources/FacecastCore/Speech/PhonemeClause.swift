/// One clause of a text as phonemes: what espeak-ng's phonemizer returns for the text up to a sentence end, comma,
/// semicolon, colon or similar punctuation.
public struct PhonemeClause: Sendable, Hashable {
    /// The clause's phonemes as IPA, words separated by spaces (e.g. "həlˈoʊ wˈɜːld").
    public var ipa: String
    /// The punctuation that ended the clause in the text (".", ",", "?", "!", ";", ":"), if any.
    public var punctuation: Character?

    public init(ipa: String, punctuation: Character?) {
        self.ipa = ipa
        self.punctuation = punctuation
    }

    /// True when the clause ends a sentence (".", "?", "!" or the end of the text without punctuation).
    public var endsSentence: Bool {
        switch punctuation {
        case ".", "?", "!", nil: true
        default: false
        }
    }
}
