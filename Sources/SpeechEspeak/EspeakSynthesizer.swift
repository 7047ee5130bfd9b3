import CEspeakNG
import FacecastCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A voice espeak-ng can speak with.
public struct EspeakVoice: Sendable, Hashable, Codable {
    public var identifier: String  // e.g. "gmw/en-US"
    public var name: String  // e.g. "English_(America)"
    public var languages: [String]  // e.g. ["en-us", "en"]
    public var gender: String  // "male", "female" or "unknown"
    /// espeak-ng's priority for each of `languages` (lower is preferred when several voices speak a language).
    public var priorities: [Int] = []
}

public enum SpeechError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyText
    case nothingToSay(String)
    case unknownVoice(String)
    case engine(function: String, code: Int)

    public var description: String {
        switch self {
        case .emptyText:
            return "The script is empty. Pass the words to speak with --text \"…\" or --text-file script.txt."
        case .nothingToSay(let text):
            return "The script \"\(text.prefix(40))\" contains nothing speakable (only punctuation, symbols or spaces). Add some words."
        case .unknownVoice(let v):
            return "Unknown voice or language \"\(v)\". Run `facecast voices` to list what is installed (e.g. en-us, es, de, fr, hi, cmn, ar)."
        case .engine(let function, let code):
            return "espeak-ng \(function) failed with code \(code)."
        }
    }
}

/// espeak-ng synthesis with phoneme (IPA) and word events. espeak-ng keeps global state, so there is one
/// engine per process and every call is serialised.
public final class EspeakSynthesizer: Sendable {
    public static let shared = EspeakSynthesizer()

    struct State: ~Copyable { var sampleRate: Int? }
    let state = Mutex(State(sampleRate: nil))

    private init() {}

    /// All installed voices, sorted by language.
    public func voices() throws -> [EspeakVoice] {
        try state.withLock { s in
            _ = try initialize(&s)
            guard let list = espeak_ListVoices(nil) else { return [] }
            var result: [EspeakVoice] = []
            var i = 0
            while let v = list[i] {
                result.append(Self.describe(v.pointee))
                i += 1
            }
            return result.sorted { ($0.languages.first ?? "", $0.identifier) < ($1.languages.first ?? "", $1.identifier) }
        }
    }

    /// Speaks `text` with the voice named by `voice` (a language like "en-us" or a voice identifier),
    /// rate in words per minute (espeak default 175), pitch 0–100 (default 50).
    public func synthesize(_ text: String, voice: String, rate: Int? = nil, pitch: Int? = nil) throws -> SynthesizedSpeech {
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty else { throw SpeechError.emptyText }
        guard trimmed.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else {
            throw SpeechError.nothingToSay(trimmed)
        }
        return try state.withLock { s in
            let rateHz = try initialize(&s)
            guard espeak_SetVoiceByName(Self.workingVoice(voice)) == EE_OK else { throw SpeechError.unknownVoice(voice) }
            _ = espeak_SetParameter(espeakRATE, Int32(rate ?? 175), 0)
            _ = espeak_SetParameter(espeakPITCH, Int32(pitch ?? 50), 0)
            // espeak-ng draws noise from libc rand(): reseed so the first script of a process always sounds the same.
            // (It also carries pitch-flutter and echo state from call to call, so a later call in the same process
            // can differ by a few samples; re-initialising to avoid that hangs espeak-ng 1.51.)
            srand(0x5EED)
            let collector = Collector()
            activeCollector = collector  // guarded by `state`'s lock, like all espeak-ng calls
            defer { activeCollector = nil }
            let flags = UInt32(espeakCHARS_UTF8) | UInt32(espeakENDPAUSE)
            let rc = trimmed.withCString { cstr in
                espeak_Synth(cstr, trimmed.utf8.count + 1, 0, POS_CHARACTER, 0, flags, nil, nil)
            }
            guard rc == EE_OK else { throw SpeechError.engine(function: "espeak_Synth", code: Int(rc.rawValue)) }
            _ = espeak_Synchronize()
            guard !collector.samples.isEmpty else { throw SpeechError.nothingToSay(trimmed) }
            let timeline = collector.timeline(text: trimmed, sampleRate: rateHz)
            return SynthesizedSpeech(
                samples: collector.samples.map { Float($0) / 32768 }, sampleRate: rateHz, timeline: timeline, voice: voice)
        }
    }

    /// espeak-ng 1.51's `cmn` voice turns Chinese characters into pinyin and then reads the pinyin as English
    /// ("ni three hao three"); its `cmn-latn-pinyin` variant reads the same pinyin as Mandarin. Mandarin names
    /// are sent there.
    static func workingVoice(_ voice: String) -> String {
        switch voice.lowercased() {
        case "cmn", "zh", "zh-cmn", "zh-cn", "sit/cmn", "mandarin": return "cmn-latn-pinyin"
        default: return voice
        }
    }

    func initialize(_ s: inout State) throws -> Int {
        if let rate = s.sampleRate { return rate }
        let options = Int32(espeakINITIALIZE_PHONEME_EVENTS | espeakINITIALIZE_PHONEME_IPA | espeakINITIALIZE_DONT_EXIT)
        let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nil, options)
        guard rate > 0 else { throw SpeechError.engine(function: "espeak_Initialize", code: Int(rate)) }
        espeak_SetSynthCallback(espeakCallback)
        s.sampleRate = Int(rate)
        return Int(rate)
    }

    static func describe(_ v: espeak_VOICE) -> EspeakVoice {
        var languages: [String] = []
        var priorities: [Int] = []
        if var p = v.languages {
            // (priority byte, NUL-terminated name) pairs, ended by a zero priority.
            while p.pointee != 0 {
                let name = String(cString: p + 1)
                languages.append(name)
                priorities.append(Int(UInt8(bitPattern: p.pointee)))
                p += 1 + name.utf8.count + 1
            }
        }
        let gender = v.gender == 1 ? "male" : v.gender == 2 ? "female" : "unknown"
        return EspeakVoice(
            identifier: v.identifier.map { String(cString: $0) } ?? "",
            name: v.name.map { String(cString: $0) } ?? "", languages: languages, gender: gender, priorities: priorities)
    }
}

/// Receives audio and events from espeak-ng's synchronous callback.
final class Collector {
    var samples: [Int16] = []
    struct Phone { var ms: Int; var name: String }
    struct Word { var ms: Int; var position: Int; var length: Int }
    var phones: [Phone] = []
    var words: [Word] = []
    var endMs: [Int] = []

    /// Phones from the events; each lasts until the next event that starts something else. espeak-ng often
    /// reports a pause and the phone after it at the same instant: the earlier of such events has no duration
    /// and is dropped (giving it the next interval would shift every later phone by one).
    func timeline(text: String, sampleRate: Int) -> SpeechTimeline {
        let duration = Double(samples.count) / Double(sampleRate)
        var segments: [PhoneSegment] = []
        var cursor = 0.0
        let boundaries = (phones.map { Double($0.ms) / 1000 } + endMs.map { Double($0) / 1000 } + [duration]).sorted()
        for (i, p) in phones.enumerated() {
            if i + 1 < phones.count, phones[i + 1].ms <= p.ms { continue }
            let start = min(max(Double(p.ms) / 1000, cursor), duration)
            let end = min(boundaries.first { $0 > start + 1e-9 } ?? duration, duration)
            guard end > start + 1e-9 else { continue }
            if start > cursor + 1e-6 {
                segments.append(PhoneSegment(start: cursor, end: start, phone: "", viseme: .silence))
            }
            let name = p.name.trimmingWhitespace
            let viseme = name.isEmpty ? Viseme.silence : VisemeMapping.viseme(forIPA: name)
            segments.append(PhoneSegment(start: start, end: end, phone: name, viseme: viseme,
                                         stressed: VisemeMapping.isStressed(name)))
            cursor = end
        }
        if cursor < duration - 1e-6 {
            segments.append(PhoneSegment(start: cursor, end: duration, phone: "", viseme: .silence))
        }
        let named = Self.scriptWords(events: words.map { ($0.ms, $0.position, $0.length) }, text: text)
        var wordSegments: [WordSegment] = []
        for (k, w) in named.enumerated() {
            let s = w.text
            let start = Double(w.ms) / 1000
            // A word ends where its last phone ends: the next word's start, or the next pause.
            let nextStart = k + 1 < named.count ? Double(named[k + 1].ms) / 1000 : duration
            let pauseStart = segments.first { $0.viseme == .silence && $0.phone.isEmpty && $0.start > start + 0.05 && $0.start < nextStart }?.start
            wordSegments.append(WordSegment(start: start, end: min(pauseStart ?? nextStart, duration), text: s))
        }
        return SpeechTimeline(duration: duration, phones: segments, words: wordSegments)
    }
}

extension Collector {
    /// The script's words for espeak-ng's word events. espeak-ng's spans are unreliable (it reports "aren" for
    /// "aren't", "twenty" for "twenty-two", and a number like "1999" several times), so each event is widened to the
    /// whitespace-delimited token of the script it starts in, with surrounding punctuation trimmed, and events in
    /// the same token are merged. In scripts written without spaces (Chinese, Japanese) espeak-ng's own span is kept.
    static func scriptWords(events: [(ms: Int, position: Int, length: Int)], text: String) -> [(ms: Int, text: String)] {
        let scalars = Array(text.unicodeScalars)
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }
        func isWordy(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || s.properties.numericType != nil }
        var result: [(ms: Int, text: String, token: Range<Int>?)] = []
        for e in events {
            let from = max(0, min(scalars.count, e.position - 1))
            let to = max(from, min(scalars.count, from + e.length))
            var lo = from, hi = from
            while lo > 0, !isSpace(scalars[lo - 1]) { lo -= 1 }
            while hi < scalars.count, !isSpace(scalars[hi]) { hi += 1 }
            let tokenLength = scalars[lo..<hi].count
            var span = lo..<hi
            if tokenLength > max(24, 2 * (to - from)) && scalars[lo..<hi].contains(where: { $0.value >= 0x2E80 }) {
                span = from..<to  // no spaces to go by
            }
            var a = span.lowerBound, b = span.upperBound
            while a < b, !isWordy(scalars[a]) { a += 1 }
            while b > a, !isWordy(scalars[b - 1]) { b -= 1 }
            if a == b {
                // No letters or digits: a spoken symbol like "&" or "%" stays; silent punctuation (or an event
                // past the end of the text) is not a word.
                let silent = Set(".,;:!?…—–-\"'()[]{}«»“”‘’¿¡。，、！？".unicodeScalars)
                guard span.contains(where: { !isSpace(scalars[$0]) && !silent.contains(scalars[$0]) }) else { continue }
                (a, b) = (span.lowerBound, span.upperBound)
            }
            if let last = result.last, let token = last.token, token == span { continue }
            // Words only move forward through the text: an event pointing back is left-over state from an
            // earlier call (seen after switching languages in one process).
            if let last = result.last, let token = last.token, span.lowerBound < token.upperBound { continue }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[a..<b])
            result.append((e.ms, String(view), span))
        }
        return result.map { ($0.ms, $0.text) }
    }
}

/// The collector of the synthesis in progress. Only touched while EspeakSynthesizer's lock is held
/// (espeak-ng calls back synchronously from inside espeak_Synch on the same thread).
nonisolated(unsafe) private var activeCollector: Collector?

/// espeak-ng's synthesis callback: a plain C function.
private func espeakCallback(_ wav: UnsafeMutablePointer<Int16>?, _ count: Int32, _ events: UnsafeMutablePointer<espeak_EVENT>?) -> Int32 {
    guard let collector = activeCollector else { return 0 }
    if var e = events {
      while e.pointee.type != espeakEVENT_LIST_TERMINATED {
        let ev = e.pointee
        switch ev.type {
        case espeakEVENT_PHONEME:
            let name = withUnsafeBytes(of: ev.id.string) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            collector.phones.append(.init(ms: Int(ev.audio_position), name: name))
        case espeakEVENT_WORD:
            collector.words.append(.init(ms: Int(ev.audio_position), position: Int(ev.text_position), length: Int(ev.length)))
        case espeakEVENT_END:
            collector.endMs.append(Int(ev.audio_position))
        default:
            break
        }
        e += 1
      }
    }
    if let wav, count > 0 {
        collector.samples.append(contentsOf: UnsafeBufferPointer(start: wav, count: Int(count)))
    }
    return 0
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
