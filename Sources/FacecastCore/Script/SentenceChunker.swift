/// Splits long text into pieces a voice can speak one at a time: whole sentences, packed up to `target`
/// characters; a sentence longer than `limit` is cut at a clause mark or, failing that, a space.
public enum SentenceChunker {
    public static func chunks(_ text: String, target: Int = 600, limit: Int = 1500) -> [String] {
        var sentences: [String] = []
        var current = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            current.append(c)
            let next = i + 1 < chars.count ? chars[i + 1] : " "
            let ends = "。！？".contains(c) || (".!?…".contains(c) && next.isWhitespace) || (c == "\n" && next == "\n")
            if ends {
                sentences.append(current)
                current = ""
            }
        }
        if !current.isEmpty { sentences.append(current) }

        var pieces: [String] = []
        var piece = ""
        for sentence in sentences.flatMap({ split($0, limit: limit) }) {
            if !piece.isEmpty, piece.count + sentence.count > target {
                pieces.append(piece)
                piece = ""
            }
            piece += sentence
        }
        if !piece.isEmpty { pieces.append(piece) }
        return pieces.filter { $0.contains { $0.isLetter || $0.isNumber } }
            .map { String($0.drop { $0.isWhitespace }) }
    }

    /// A sentence longer than `limit`, cut at the last clause mark (or space) before each limit.
    static func split(_ sentence: String, limit: Int) -> [String] {
        var rest = Array(sentence)
        var out: [String] = []
        while rest.count > limit {
            let window = rest[0..<limit]
            let cut = window.lastIndex { ",;:，、；：".contains($0) } ?? window.lastIndex { $0.isWhitespace } ?? (limit - 1)
            out.append(String(rest[0...cut]))
            rest = Array(rest[(cut + 1)...])
        }
        if !rest.isEmpty { out.append(String(rest)) }
        return out
    }
}
