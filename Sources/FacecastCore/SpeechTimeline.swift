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

    public init(start: Double, end: Double, text: String) {
        self.start = start
        self.end = end
        self.text = text
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
