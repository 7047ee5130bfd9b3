import RealModule

/// Viseme classes (the 15 of the MPEG-4 / Oculus set): what the mouth looks like for a sound.
public enum Viseme: String, Sendable, Codable, CaseIterable {
    case silence = "sil"
    case PP  // p b m — lips closed
    case FF  // f v — lower lip under upper teeth
    case TH  // θ ð — tongue between teeth
    case DD  // t d — tongue behind teeth
    case kk  // k g — back of tongue
    case CH  // tʃ dʒ ʃ ʒ — lips forward
    case SS  // s z — teeth together
    case nn  // n l — tongue up
    case RR  // r ɹ — lips slightly rounded
    case aa  // a ɑ æ — jaw open
    case E  // e ɛ ə — mid open, spread
    case I  // i ɪ — spread, nearly closed
    case O  // o ɔ — round, mid open
    case U  // u ʊ w — round, small opening
}

/// One phone of the speech, with its time span in seconds from the start of the audio.
public struct PhoneSegment: Sendable, Hashable, Codable {
    public var start: Double
    public var end: Double
    /// The phone as IPA (espeak-ng's IPA rendering); empty for pauses.
    public var phone: String
    public var viseme: Viseme
    /// Carries primary stress (a good place for a nod or brow raise).
    public var stressed: Bool

    public init(start: Double, end: Double, phone: String, viseme: Viseme, stressed: Bool = false) {
        self.start = start
        self.end = end
        self.phone = phone
        self.viseme = viseme
        self.stressed = stressed
    }

    public var duration: Double { end - start }
    public var center: Double { (start + end) / 2 }
}

/// One word of the script with its time span.
public struct WordSegment: Sendable, Hashable, Codable {
    public var start: Double
    public var end: Double
    public var text: String
    /// Marked for emphasis in the script (`<emphasis>`): the performance raises the brows and nods on it.
    public var emphasized: Bool

    public init(start: Double, end: Double, text: String, emphasized: Bool = false) {
        self.start = start
        self.end = end
        self.text = text
        self.emphasized = emphasized
    }

    private enum CodingKeys: String, CodingKey { case start, end, text, emphasized }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = try c.decode(Double.self, forKey: .start)
        end = try c.decode(Double.self, forKey: .end)
        text = try c.decode(String.self, forKey: .text)
        emphasized = try c.decodeIfPresent(Bool.self, forKey: .emphasized) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(text, forKey: .text)
        if emphasized { try c.encode(true, forKey: .emphasized) }
    }
}

/// What was said and when: the input to the performance layer and to captions.
public struct SpeechTimeline: Sendable, Hashable, Codable {
    public var duration: Double
    public var phones: [PhoneSegment]
    public var words: [WordSegment]

    public init(duration: Double, phones: [PhoneSegment], words: [WordSegment]) {
        self.duration = duration
        self.phones = phones
        self.words = words
    }
}

/// Speech audio with the timeline of what was said: what every speech source (espeak-ng, the neural voice,
/// a user's recording) hands to the performance layer.
public struct SynthesizedSpeech: Sendable {
    public var samples: [Float]  // mono, -1…1
    public var sampleRate: Int
    public var timeline: SpeechTimeline
    /// The voice that spoke (a voice id, or a description of the recording).
    public var voice: String

    public init(samples: [Float], sampleRate: Int, timeline: SpeechTimeline, voice: String) {
        self.samples = samples
        self.sampleRate = sampleRate
        self.timeline = timeline
        self.voice = voice
    }
}

extension SpeechTimeline {
    /// The same phones and words, `seconds` later (for speech appended after other speech).
    public func shifted(by seconds: Double) -> SpeechTimeline {
        SpeechTimeline(duration: duration + seconds,
                       phones: phones.map { var p = $0; p.start += seconds; p.end += seconds; return p },
                       words: words.map { var w = $0; w.start += seconds; w.end += seconds; return w })
    }
}

extension SynthesizedSpeech {
    /// `seconds` of silence at `sampleRate`, as one pause in the timeline.
    public static func silence(_ seconds: Double, sampleRate: Int, voice: String) -> SynthesizedSpeech {
        let n = max(0, Int((seconds * Double(sampleRate)).rounded()))
        let duration = Double(n) / Double(sampleRate)
        let phones = n > 0 ? [PhoneSegment(start: 0, end: duration, phone: "", viseme: .silence)] : []
        return SynthesizedSpeech(samples: [Float](repeating: 0, count: n), sampleRate: sampleRate,
                                 timeline: SpeechTimeline(duration: duration, phones: phones, words: []), voice: voice)
    }

    /// The pieces one after another: audio appended, every later timeline shifted by what came before.
    /// All pieces must share one sample rate.
    public static func joined(_ pieces: [SynthesizedSpeech]) -> SynthesizedSpeech? {
        guard let first = pieces.first else { return nil }
        precondition(pieces.allSatisfy { $0.sampleRate == first.sampleRate }, "pieces of speech must share a sample rate")
        var samples: [Float] = []
        samples.reserveCapacity(pieces.reduce(0) { $0 + $1.samples.count })
        var phones: [PhoneSegment] = [], words: [WordSegment] = []
        for piece in pieces {
            let offset = Double(samples.count) / Double(first.sampleRate)
            samples += piece.samples
            let moved = piece.timeline.shifted(by: offset)
            phones += moved.phones
            words += moved.words
        }
        let duration = Double(samples.count) / Double(first.sampleRate)
        return SynthesizedSpeech(samples: samples, sampleRate: first.sampleRate,
                                 timeline: SpeechTimeline(duration: duration, phones: phones, words: words), voice: first.voice)
    }

    /// Louder or softer by `decibels`, with a soft limit so nothing clips.
    public func scaled(decibels: Double) -> SynthesizedSpeech {
        guard decibels != 0 else { return self }
        let gain = Float(Double.exp10(decibels / 20))
        var copy = self
        copy.samples = samples.map { s in
            let v = s * gain
            return abs(v) <= 0.9 ? v : (v > 0 ? 1 : -1) * (0.9 + 0.1 * (1 - 1 / (1 + (abs(v) - 0.9) * 10)))
        }
        return copy
    }

    /// Every word marked as emphasised.
    public func emphasized() -> SynthesizedSpeech {
        var copy = self
        for i in copy.timeline.words.indices { copy.timeline.words[i].emphasized = true }
        return copy
    }
}
