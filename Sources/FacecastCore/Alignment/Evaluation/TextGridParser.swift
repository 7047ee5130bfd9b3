/// Praat TextGrid files (long "ooTextFile" and short formats): interval tiers by name.
public enum TextGridParser {
    public struct Tier: Sendable, Hashable {
        public var name: String
        public var intervals: [LabeledInterval]
    }

    public static func tiers(_ text: String) throws -> [Tier] {
        // Both formats are a stream of tokens: numbers, quoted strings ("" escapes a quote), and flags like <exists>.
        // The long format adds `key =` words and [n]: markers, which are skipped.
        let tokens = tokenize(text)
        var k = 0
        func next() -> Token? { k < tokens.count ? tokens[k] : nil }
        // Header: "ooTextFile" "TextGrid" xmin xmax <exists> size
        var strings = 0
        while let t = next(), strings < 2 { if case .string = t.kind { strings += 1 }; k += 1 }
        var numbers: [Double] = []
        while numbers.count < 2, let t = next() { if case .number(let v) = t.kind { numbers.append(v) }; k += 1 }
        guard numbers.count == 2 else { throw LabelParseError.malformed(line: next()?.line ?? 0, expected: "xmin and xmax") }
        guard let sizeToken = nextNumber(tokens, &k) else { throw LabelParseError.malformed(line: next()?.line ?? 0, expected: "tier count") }
        var result: [Tier] = []
        for _ in 0..<Int(sizeToken) {
            guard let cls = nextString(tokens, &k), let name = nextString(tokens, &k) else {
                throw LabelParseError.malformed(line: next()?.line ?? 0, expected: "tier class and name")
            }
            guard nextNumber(tokens, &k) != nil, nextNumber(tokens, &k) != nil, let count = nextNumber(tokens, &k) else {
                throw LabelParseError.malformed(line: next()?.line ?? 0, expected: "tier xmin, xmax and size")
            }
            var intervals: [LabeledInterval] = []
            for _ in 0..<Int(count) {
                if cls == "IntervalTier" {
                    guard let a = nextNumber(tokens, &k), let b = nextNumber(tokens, &k), let s = nextString(tokens, &k) else {
                        throw LabelParseError.malformed(line: next()?.line ?? 0, expected: "interval xmin, xmax, text")
                    }
                    intervals.append(LabeledInterval(start: a, end: b, label: s))
                } else {
                    guard let a = nextNumber(tokens, &k), let s = nextString(tokens, &k) else {
                        throw LabelParseError.malformed(line: next()?.line ?? 0, expected: "point time and mark")
                    }
                    intervals.append(LabeledInterval(start: a, end: a, label: s))
                }
            }
            if cls == "IntervalTier" { result.append(Tier(name: name, intervals: intervals)) }
        }
        return result
    }

    /// The phone and word tiers, chosen by name ("phone…", "word…"; else the first tier is taken as phones).
    public static func labels(_ text: String) throws -> LabelSet {
        let all = try tiers(text)
        let phones = all.first { $0.name.lowercased().hasPrefix("phon") } ?? all.first { !$0.name.lowercased().hasPrefix("word") }
        let words = all.first { $0.name.lowercased().hasPrefix("word") }
        return LabelSet(phones: phones?.intervals ?? [], words: words?.intervals ?? [])
    }

    struct Token {
        enum Kind { case number(Double), string(String), other }
        var kind: Kind
        var line: Int
    }

    static func nextNumber(_ tokens: [Token], _ k: inout Int) -> Double? {
        while k < tokens.count {
            defer { k += 1 }
            if case .number(let v) = tokens[k].kind { return v }
            if case .string = tokens[k].kind { return nil }
        }
        return nil
    }

    static func nextString(_ tokens: [Token], _ k: inout Int) -> String? {
        while k < tokens.count {
            defer { k += 1 }
            if case .string(let s) = tokens[k].kind { return s }
        }
        return nil
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text.unicodeScalars)
        var i = 0, line = 1
        while i < chars.count {
            let c = chars[i]
            if c == "\n" { line += 1; i += 1; continue }
            if c == "\"" {
                var s = String.UnicodeScalarView()
                i += 1
                while i < chars.count {
                    if chars[i] == "\"" {
                        if i + 1 < chars.count && chars[i + 1] == "\"" { s.append("\""); i += 2; continue }
                        break
                    }
                    if chars[i] == "\n" { line += 1 }
                    s.append(chars[i])
                    i += 1
                }
                i += 1
                tokens.append(Token(kind: .string(String(s)), line: line))
                continue
            }
            if c.properties.isWhitespace { i += 1; continue }
            if c == "!" {  // comment to end of line (short format)
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            }
            var word = String.UnicodeScalarView()
            while i < chars.count && !chars[i].properties.isWhitespace && chars[i] != "\"" {
                word.append(chars[i])
                i += 1
            }
            let w = String(word)
            if let v = Double(w) { tokens.append(Token(kind: .number(v), line: line)) } else { tokens.append(Token(kind: .other, line: line)) }
        }
        return tokens
    }
}
