/// Builds caption cues from word timings, taking the words' spelling and punctuation from the script itself.
///
/// Rules (the usual subtitle conventions): at most `maxLines` lines of at most `maxLineWidth` columns (CJK characters
/// count two), a cue lasts at most `maxDuration` seconds and at least `minDuration` where the next cue allows it,
/// a new cue starts after a sentence ends or at a pause of `pauseSplit` seconds or more, and lines are balanced.
public struct CaptionBuilder: Sendable {
    public var maxLineWidth = 42
    public var maxLines = 2
    public var maxDuration = 6.0
    public var minDuration = 0.9
    public var pauseSplit = 0.6

    public init() {}

    public func cues(for timeline: SpeechTimeline, script: String) -> [CaptionCue] {
        let tokens = ScriptTokens.locate(words: timeline.words, in: script)
        var cues: [CaptionCue] = []
        var group: [ScriptTokens.Token] = []

        func flush() {
            guard let first = group.first, let last = group.last else { return }
            cues.append(CaptionCue(start: first.start, end: last.end, lines: wrap(group)))
            group = []
        }
        for token in tokens {
            if let last = group.last, let first = group.first {
                let width = Self.width(of: ScriptTokens.join(group + [token]))
                if width > maxLineWidth * maxLines || token.end - first.start > maxDuration
                    || token.start - last.end >= pauseSplit || last.endsSentence {
                    flush()
                }
            }
            group.append(token)
        }
        flush()
        // Give short cues time to be read, without running into the next cue or past the audio.
        for i in cues.indices {
            let limit = i + 1 < cues.count ? cues[i + 1].start : max(timeline.duration, cues[i].end)
            if cues[i].end - cues[i].start < minDuration {
                cues[i].end = min(limit, cues[i].start + minDuration)
            }
        }
        return cues
    }

    /// Splits a cue's tokens into at most `maxLines` lines, as balanced as the word breaks allow.
    func wrap(_ tokens: [ScriptTokens.Token]) -> [String] {
        let whole = ScriptTokens.join(tokens)
        guard Self.width(of: whole) > maxLineWidth, tokens.count > 1, maxLines > 1 else { return [whole] }
        var best: (score: Int, lines: [String]) = (Int.max, [whole])
        for cut in 1..<tokens.count {
            let a = ScriptTokens.join(Array(tokens[..<cut])), b = ScriptTokens.join(Array(tokens[cut...]))
            let wa = Self.width(of: a), wb = Self.width(of: b)
            let over = max(0, wa - maxLineWidth) + max(0, wb - maxLineWidth)
            // Overflow is much worse than imbalance; prefer breaking after punctuation.
            let score = over * 1000 + abs(wa - wb) - (tokens[cut - 1].endsClause ? 6 : 0)
            if score < best.score { best = (score, [a, b]) }
        }
        return best.lines
    }

    /// Display width in columns: East Asian wide characters count two.
    public static func width(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
