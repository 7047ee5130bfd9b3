/// Finds each timed word in the script so captions keep the script's own spelling, punctuation and spacing.
enum ScriptTokens {
    struct Token: Sendable, Equatable {
        var start: Double
        var end: Double
        /// The word as written, with the punctuation that follows it (and any that precedes it, like an opening quote).
        var text: String
        /// Whether whitespace separated it from the previous word in the script.
        var spaceBefore: Bool
        var endsSentence: Bool { text.last.map { ".!?…。！？".contains($0) } ?? false }
        var endsClause: Bool { text.last.map { ",;:—、，；：".contains($0) } ?? false || endsSentence }
    }

    /// Words are matched in order, case-insensitively; a word the script doesn't contain (espeak-ng expands
    /// numbers, say) keeps the timeline's text.
    static func locate(words: [WordSegment], in script: String) -> [Token] {
        let chars = Array(script)
        let lower = chars.map { $0.lowercased() }
        var cursor = 0
        var tokens: [Token] = []
        for word in words {
            let needle = Array(word.text).map { $0.lowercased() }
            guard !needle.isEmpty else { continue }
            if let at = find(needle, in: lower, from: cursor, within: 80) {
                // Leading punctuation (an opening quote or bracket) between the cursor and the word belongs to it.
                var from = at
                while from > cursor, !chars[from - 1].isWhitespace, !chars[from - 1].isLetter, !chars[from - 1].isNumber {
                    from -= 1
                }
                var to = at + needle.count
                while to < chars.count, !chars[to].isWhitespace, !chars[to].isLetter, !chars[to].isNumber { to += 1 }
                let space = chars[cursor..<from].contains { $0.isWhitespace }
                // Free-standing punctuation between two words ("10:30 — really") stays with the word before it.
                let between = String(chars[cursor..<from]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if !between.isEmpty, !tokens.isEmpty { tokens[tokens.count - 1].text += " " + between }
                tokens.append(Token(start: word.start, end: word.end, text: String(chars[from..<to]), spaceBefore: space))
                cursor = to
            } else {
                tokens.append(Token(start: word.start, end: word.end, text: word.text, spaceBefore: true))
            }
        }
        if var first = tokens.first { first.spaceBefore = false; tokens[0] = first }
        return tokens
    }

    static func join(_ tokens: [Token]) -> String {
        var out = ""
        for (i, t) in tokens.enumerated() {
            if i > 0 && t.spaceBefore { out += " " }
            out += t.text
        }
        return out
    }

    private static func find(_ needle: [String], in hay: [String], from: Int, within: Int) -> Int? {
        guard needle.count <= hay.count else { return nil }
        let last = min(hay.count - needle.count, from + within)
        guard from <= last else { return nil }
        for i in from...last where hay[i] == needle[0] {
            var ok = true
            for k in 1..<needle.count where hay[i + k] != needle[k] { ok = false; break }
            if ok { return i }
        }
        return nil
    }
}
