/// HTS full-context label files ("start end context" per line, times in 100 ns units), as CMU ARCTIC / Merlin
/// ship them. Phones come from the centre phone (`…-p3+…`); words from the syllable/phone position fields:
/// a word starts at a phone that is first in its syllable (`@1_`) whose syllable is first in its word (`/B:…@1-`).
public enum HTSLabelParser {
    public static func labels(_ text: String) throws -> LabelSet {
        var phones: [LabeledInterval] = []
        var words: [LabeledInterval] = []
        var wordStart: Double?
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingCharacters(in: " \t\r")
            if line.isEmpty { continue }
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3, let a = Double(parts[0]), let b = Double(parts[1]) else {
                throw LabelParseError.malformed(line: n + 1, expected: "start end label")
            }
            let start = a / 1e7, end = b / 1e7
            let context = parts[2]
            guard let phone = between(context, "-", "+") else { throw LabelParseError.malformed(line: n + 1, expected: "p2-p3+p4 phone context") }
            phones.append(LabeledInterval(start: start, end: end, label: phone))
            // p6_p7: position of the phone in its syllable, forward and backward; b4-b5: syllable in word.
            guard phone != "sil" && phone != "pau", let p67 = between(context, "@", "/A:"), let b = between(context, "/B:", "/C:") else { continue }
            let pp = p67.split(separator: "_")
            guard let at = b.firstIndex(of: "@") else { continue }
            let b45 = b[b.index(after: at)...].split(separator: "&").first?.split(separator: "-") ?? []
            guard pp.count == 2, b45.count == 2 else { continue }
            if pp[0] == "1" && b45[0] == "1" { wordStart = start }
            if pp[1] == "1" && b45[1] == "1", let s = wordStart {
                words.append(LabeledInterval(start: s, end: end, label: ""))
                wordStart = nil
            }
        }
        return LabelSet(phones: phones, words: words)
    }

    /// The text between the first `open` and the first `close` after it.
    static func between(_ s: String, _ open: String, _ close: String) -> String? {
        let u = Array(s.utf8), o = Array(open.utf8), c = Array(close.utf8)
        guard let from = find(o, in: u, from: 0), let to = find(c, in: u, from: from + o.count) else { return nil }
        return String(decoding: u[(from + o.count)..<to], as: UTF8.self)
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count, from <= hay.count - needle.count else { return nil }
        for i in from...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        let s = unicodeScalars
        guard let f = s.firstIndex(where: { !scalars.contains($0) }), let l = s.lastIndex(where: { !scalars.contains($0) }) else { return "" }
        return String(s[f...l])
    }
}
