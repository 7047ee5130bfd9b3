/// A small, strict reader for the SSML subset. It is not a general XML parser: it knows these elements and
/// the five XML entities plus numeric character references, and rejects everything else with a position.
struct ScriptMarkup {
    static let elements: Set<String> = ["speak", "break", "emphasis", "prosody", "say-as", "s", "p", "sub"]

    static func looksLikeMarkup(_ text: String) -> Bool {
        var rest = Substring(text)
        while let lt = rest.firstIndex(of: "<") {
            var name = rest[rest.index(after: lt)...].prefix { $0.isLetter || $0 == "-" || $0 == "/" }
            if name.hasPrefix("/") { name = name.dropFirst() }
            if elements.contains(String(name)) { return true }
            rest = rest[rest.index(after: lt)...]
        }
        return false
    }

    private let chars: [Character]
    private let language: String
    private var i = 0

    init(_ text: String, language: String) {
        chars = Array(text)
        self.language = language
    }

    private struct Open {
        var name: String
        var style: SpeechStyle
        var at: Int
        var sayAs: (interpretAs: String, format: String?)?
        var alias: String?
        var text = ""
    }

    mutating func parse() throws(ScriptMarkupError) -> SpokenScript {
        var parts: [SpokenScript.Part] = []
        var stack: [Open] = [Open(name: "", style: SpeechStyle(), at: 0)]
        var pending = ""
        // What captions show: the text as written, except that <say-as> dates and numbers and <sub> aliases show
        // what is said (their words are what the timeline holds); spelled-out characters show as written.
        var shown = ""

        func flush(_ style: SpeechStyle) {
            var text = Self.tidy(pending)
            pending = ""
            guard !text.isEmpty else { return }
            // Punctuation that markup separated from its word ("." after </emphasis>) ends the previous run.
            let lead = text.prefix { ".,!?;:…".contains($0) }
            if !lead.isEmpty, case .speech(let previous, let s)? = parts.last {
                parts[parts.count - 1] = .speech(previous + lead, s)
                text = String(text.dropFirst(lead.count).drop { $0.isWhitespace })
            }
            guard !text.isEmpty else { return }
            if !text.contains(where: { $0.isLetter || $0.isNumber }) {
                if case .speech(let previous, let s)? = parts.last { parts[parts.count - 1] = .speech(previous + text, s) }
                return
            }
            if case .speech(let previous, let s)? = parts.last, s == style {
                parts[parts.count - 1] = .speech(previous + " " + text, s)
            } else {
                parts.append(.speech(text, style))
            }
        }
        func addPause(_ seconds: Double) {
            guard seconds > 0 else { return }
            if case .pause(let p)? = parts.last { parts[parts.count - 1] = .pause(p + seconds) } else { parts.append(.pause(seconds)) }
        }

        while i < chars.count {
            let c = chars[i]
            if c == "<" {
                let tagStart = i
                let tag = try readTag()
                if stack.last!.sayAs != nil || stack.last!.alias != nil, !(tag.closing && tag.name == stack.last!.name) {
                    throw error(at: tagStart, "<\(stack.last!.name)> may contain only text; close it with </\(stack.last!.name)> first.")
                }
                if tag.closing {
                    guard stack.count > 1, stack.last!.name == tag.name else {
                        let expected = stack.count > 1 ? "</\(stack.last!.name)> (opened at \(position(stack.last!.at)))" : "no closing tag"
                        throw error(at: tagStart, "</\(tag.name)> does not match; expected \(expected).")
                    }
                    let closed = stack.removeLast()
                    if let sayAs = closed.sayAs {
                        let said = try SayAs.expand(closed.text, interpretAs: sayAs.interpretAs, format: sayAs.format,
                                                    language: language, at: { m in error(at: closed.at, m) })
                        pending += " " + said + " "
                        shown += " " + (sayAs.interpretAs == "characters" || sayAs.interpretAs == "spell-out" ? closed.text : said) + " "
                    } else if let alias = closed.alias {
                        pending += " " + alias + " "
                        shown += " " + alias + " "
                    }
                    if closed.name == "s" || closed.name == "p" || closed.name == "emphasis" || closed.name == "prosody" {
                        flush(closed.style)
                    }
                    if closed.name == "p" { addPause(0.6) } else if closed.name == "s" { addPause(0.25) }
                    continue
                }
                var style = stack.last!.style
                var open = Open(name: tag.name, style: style, at: tagStart)
                switch tag.name {
                case "speak":
                    guard stack.count == 1, parts.isEmpty, pending.allSatisfy(\.isWhitespace) else {
                        throw error(at: tagStart, "<speak> must enclose the whole script.")
                    }
                    try tag.allow(["xml:lang", "version", "xmlns"], error)
                case "break":
                    try tag.allow(["time", "strength"], error)
                    guard tag.selfClosing else { throw error(at: tagStart, "<break> takes no content: write <break time=\"500ms\"/>.") }
                    flush(style)
                    addPause(try Self.breakDuration(tag, error))
                    continue
                case "emphasis":
                    try tag.allow(["level"], error)
                    flush(style)
                    switch tag.attributes["level"]?.value ?? "moderate" {
                    case "strong": style.emphasis = true; style.rate *= 0.85; style.pitchSemitones += 2; style.volumeDecibels += 2
                    case "moderate": style.emphasis = true; style.rate *= 0.92; style.pitchSemitones += 1
                    case "reduced": style.rate *= 1.05; style.volumeDecibels -= 3
                    case "none": break
                    case let v: throw error(at: tag.attributes["level"]!.at, "emphasis level \"\(v)\" is not one of strong, moderate, reduced, none.")
                    }
                case "prosody":
                    try tag.allow(["rate", "pitch", "volume"], error)
                    flush(style)
                    if let a = tag.attributes["rate"] { style.rate *= try ProsodyValue.rate(a.value, at: { m in error(at: a.at, m) }) }
                    if let a = tag.attributes["pitch"] { style.pitchSemitones += try ProsodyValue.pitch(a.value, at: { m in error(at: a.at, m) }) }
                    if let a = tag.attributes["volume"] { style.volumeDecibels += try ProsodyValue.volume(a.value, at: { m in error(at: a.at, m) }) }
                case "say-as":
                    try tag.allow(["interpret-as", "format", "detail"], error)
                    guard let kind = tag.attributes["interpret-as"]?.value else {
                        throw error(at: tagStart, "<say-as> needs interpret-as=\"characters\", \"cardinal\" or \"date\".")
                    }
                    guard SayAs.kinds.contains(kind) else {
                        throw error(at: tag.attributes["interpret-as"]!.at, "interpret-as \"\(kind)\" is not supported; use characters, cardinal or date.")
                    }
                    open.sayAs = (kind, tag.attributes["format"]?.value)
                case "sub":
                    try tag.allow(["alias"], error)
                    guard let alias = tag.attributes["alias"]?.value else { throw error(at: tagStart, "<sub> needs alias=\"…\" (what to say).") }
                    open.alias = alias
                case "s", "p":
                    try tag.allow(["xml:lang"], error)
                    flush(style)
                default:
                    break
                }
                open.style = style
                if tag.selfClosing {
                    if tag.name == "say-as" || tag.name == "sub" || tag.name == "speak" {
                        throw error(at: tagStart, "<\(tag.name)/> is empty; put the text inside <\(tag.name)>…</\(tag.name)>.")
                    }
                    continue
                }
                stack.append(open)
            } else if c == "&" {
                let ch = try readEntity()
                if stack.last!.sayAs != nil || stack.last!.alias != nil { stack[stack.count - 1].text.append(ch) } else { pending.append(ch); shown.append(ch) }
            } else if c == ">" {
                throw error(at: i, "a lone \">\" in the text; write &gt;.")
            } else {
                if stack.last!.sayAs != nil || stack.last!.alias != nil { stack[stack.count - 1].text.append(c) } else { pending.append(c); shown.append(c) }
                i += 1
            }
        }
        if stack.count > 1 {
            throw error(at: stack.last!.at, "<\(stack.last!.name)> is never closed; add </\(stack.last!.name)>.")
        }
        flush(stack[0].style)
        while case .pause? = parts.last { parts.removeLast() }
        while case .pause? = parts.first { parts.removeFirst() }
        return SpokenScript(parts: parts, display: Self.tidy(shown))
    }

    /// Whitespace collapsed, and no space before closing punctuation.
    static func tidy(_ text: String) -> String {
        var out = ""
        for word in text.split(whereSeparator: \.isWhitespace) {
            // No space before closing punctuation that markup pushed apart ("2024 ." → "2024.").
            if !out.isEmpty, !(word.allSatisfy { ".,!?;:…".contains($0) }) { out += " " }
            out += word
        }
        return out
    }

    // MARK: - Tags

    struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var attributes: [String: (value: String, at: Int)]
        var at: Int

        func allow(_ names: Set<String>, _ error: (Int, String) -> ScriptMarkupError) throws(ScriptMarkupError) {
            for (key, a) in attributes where !names.contains(key) {
                let allowed = names.sorted().joined(separator: ", ")
                throw error(a.at, "<\(name)> has no attribute \"\(key)\" (it takes \(allowed)).")
            }
        }
    }

    private mutating func readTag() throws(ScriptMarkupError) -> Tag {
        let start = i
        i += 1
        var closing = false
        if i < chars.count, chars[i] == "/" { closing = true; i += 1 }
        let name = readName()
        guard !name.isEmpty else { throw error(at: start, "\"<\" does not start a tag; write &lt; for a less-than sign.") }
        guard Self.elements.contains(name) else {
            throw error(at: start, "unknown tag <\(name)>; Facecast reads speak, p, s, break, emphasis, prosody, say-as and sub.")
        }
        var attributes: [String: (value: String, at: Int)] = [:]
        var selfClosing = false
        while true {
            skipSpace()
            guard i < chars.count else { throw error(at: start, "<\(name) is not finished; a \">\" is missing.") }
            if chars[i] == ">" { i += 1; break }
            if chars[i] == "/", i + 1 < chars.count, chars[i + 1] == ">" { selfClosing = true; i += 2; break }
            guard !closing else { throw error(at: i, "a closing tag </\(name)> takes no attributes.") }
            let at = i
            let key = readName()
            guard !key.isEmpty else { throw error(at: i, "unexpected \"\(chars[i])\" in <\(name)>.") }
            skipSpace()
            guard i < chars.count, chars[i] == "=" else { throw error(at: i, "attribute \(key) needs a value: \(key)=\"…\".") }
            i += 1
            skipSpace()
            guard i < chars.count, chars[i] == "\"" || chars[i] == "'" else {
                throw error(at: i, "the value of \(key) must be in quotes.")
            }
            let quote = chars[i]
            i += 1
            var value = ""
            while i < chars.count, chars[i] != quote {
                if chars[i] == "&" { value.append(try readEntity()) } else if chars[i] == "<" {
                    throw error(at: i, "\"<\" inside the value of \(key); write &lt;.")
                } else { value.append(chars[i]); i += 1 }
            }
            guard i < chars.count else { throw error(at: at, "the value of \(key) is never closed with \(quote).") }
            i += 1
            guard attributes[key] == nil else { throw error(at: at, "attribute \(key) is given twice.") }
            attributes[key] = (value.trimmingSpaces, at)
        }
        return Tag(name: name, closing: closing, selfClosing: selfClosing, attributes: attributes, at: start)
    }

    private mutating func readName() -> String {
        var s = ""
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "-" || chars[i] == ":" || chars[i] == "_" {
            s.append(chars[i]); i += 1
        }
        return s
    }

    private mutating func skipSpace() { while i < chars.count, chars[i].isWhitespace { i += 1 } }

    private mutating func readEntity() throws(ScriptMarkupError) -> Character {
        let start = i
        var j = i + 1
        var body = ""
        while j < chars.count, chars[j] != ";", j - i < 12 { body.append(chars[j]); j += 1 }
        guard j < chars.count, chars[j] == ";" else { throw error(at: start, "a bare \"&\"; write &amp; for an ampersand.") }
        let named: [String: Character] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
        var result: Character?
        if let c = named[body] { result = c } else if body.hasPrefix("#x"), let v = UInt32(body.dropFirst(2), radix: 16) {
            result = Unicode.Scalar(v).map(Character.init)
        } else if body.hasPrefix("#"), let v = UInt32(body.dropFirst()) {
            result = Unicode.Scalar(v).map(Character.init)
        }
        guard let result else { throw error(at: start, "unknown entity &\(body);.") }
        i = j + 1
        return result
    }

    // MARK: - Positions

    func position(_ index: Int) -> String {
        let (l, c) = lineColumn(index)
        return "line \(l), column \(c)"
    }

    func lineColumn(_ index: Int) -> (Int, Int) {
        var line = 1, column = 1
        for k in 0..<min(index, chars.count) {
            if chars[k] == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    func error(at index: Int, _ message: String) -> ScriptMarkupError {
        let (l, c) = lineColumn(index)
        return ScriptMarkupError(line: l, column: c, message: message)
    }

    static func breakDuration(_ tag: Tag, _ error: (Int, String) -> ScriptMarkupError) throws(ScriptMarkupError) -> Double {
        if let t = tag.attributes["time"] {
            guard let seconds = ProsodyValue.duration(t.value), (0...10).contains(seconds) else {
                throw error(t.at, "break time \"\(t.value)\" is not a duration from 0 to 10 s like \"500ms\" or \"1.5s\".")
            }
            return seconds
        }
        let strengths = ["none": 0.0, "x-weak": 0.1, "weak": 0.2, "medium": 0.4, "strong": 0.7, "x-strong": 1.0]
        if let s = tag.attributes["strength"] {
            guard let v = strengths[s.value] else {
                throw error(s.at, "break strength \"\(s.value)\" is not one of none, x-weak, weak, medium, strong, x-strong.")
            }
            return v
        }
        return 0.4
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
