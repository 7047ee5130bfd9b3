/// Word error rate: (substitutions + deletions + insertions) / reference words, from the minimum edit distance
/// between the reference and the recognised words. Used to measure how intelligible a voice is.
public struct WordErrorRate: Sendable, Hashable {
    public var errors: Int
    public var referenceWords: Int

    public var rate: Double { referenceWords > 0 ? Double(errors) / Double(referenceWords) : (errors > 0 ? 1 : 0) }

    public init(errors: Int, referenceWords: Int) {
        self.errors = errors
        self.referenceWords = referenceWords
    }

    /// Compares two texts after `words(in:)` normalisation.
    public init(reference: String, hypothesis: String) {
        let r = Self.words(in: reference), h = Self.words(in: hypothesis)
        self.init(errors: Self.editDistance(r, h), referenceWords: r.count)
    }

    /// Pooled over several utterances (total errors / total reference words).
    public static func + (a: WordErrorRate, b: WordErrorRate) -> WordErrorRate {
        WordErrorRate(errors: a.errors + b.errors, referenceWords: a.referenceWords + b.referenceWords)
    }

    /// Lower-case words: letters, digits and inner apostrophes; every other character separates words.
    public static func words(in text: String) -> [String] {
        var words: [String] = []
        var current = ""
        func flush() {
            while current.hasSuffix("'") { current.removeLast() }
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber {
                current.append(ch)
            } else if (ch == "'" || ch == "’"), !current.isEmpty {
                current.append("'")
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    static func editDistance(_ a: [String], _ b: [String]) -> Int { EditDistance.between(a, b) }
}
