import CEspeakNG
import FacecastCore

extension EspeakSynthesizer {
    /// The text as IPA, clause by clause, with the punctuation that ended each clause (espeak_TextToPhonemes drops
    /// it; the neural voice needs it back for its pauses and intonation). `voice` is a language or voice identifier.
    public func phonemes(for text: String, voice: String) throws -> [PhonemeClause] {
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty else { throw SpeechError.emptyText }
        return try state.withLock { s in
            _ = try initialize(&s)
            guard espeak_SetVoiceByName(voice) == EE_OK else { throw SpeechError.unknownVoice(voice) }
            let utf8 = Array(trimmed.utf8) + [0]
            return utf8.withUnsafeBufferPointer { buffer -> [PhonemeClause] in
                let base = UnsafeRawPointer(buffer.baseAddress!)
                var cursor: UnsafeRawPointer? = base
                var clauses: [PhonemeClause] = []
                // IPA output (phoneme mode bit 1), no separator between phonemes.
                let ipaMode: Int32 = 0x02
                while let start = cursor {
                    guard let phonemes = espeak_TextToPhonemes(&cursor, Int32(espeakCHARS_UTF8), ipaMode) else { break }
                    // espeak-ng 1.51 leaves the cursor one character into the next clause ("Hello, w|orld"):
                    // `clausePunctuation` ignores a trailing partial word.
                    let startOffset = start - base
                    let endOffset = min(cursor.map { $0 - base } ?? (utf8.count - 1), utf8.count - 1)
                    let consumed = String(decoding: utf8[startOffset..<max(startOffset, endOffset)], as: UTF8.self)
                    clauses.append(PhonemeClause(ipa: String(cString: phonemes).trimmingWhitespace,
                                                 punctuation: Self.clausePunctuation(consumed)))
                }
                return clauses
            }
        }
    }

    /// The clause-ending punctuation of a stretch of text: its last character that is not a space or a closing
    /// quote/bracket, if that is one of . , ? ! ; : (and their full-width and Arabic/Hindi forms). Letters or digits
    /// at the very end (the start of the next clause's first word) are skipped first.
    static func clausePunctuation(_ text: String) -> Character? {
        let closers: Set<Character> = ["\"", "'", ")", "]", "”", "’", "»"]
        let body = text.reversed().drop { $0.isLetter || $0.isNumber || $0 == "\u{FFFD}" }
        guard let last = body.first(where: { !$0.isWhitespace && !closers.contains($0) }) else { return nil }
        switch last {
        case ".", "。", "।", "…": return "."
        case ",", "，", "、", "،": return ","
        case "?", "？", "؟": return "?"
        case "!", "！": return "!"
        case ";", "；", "؛": return ";"
        case ":", "：": return ":"
        default: return nil
        }
    }
}
