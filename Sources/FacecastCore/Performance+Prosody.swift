/// The structure of the speech that non-verbal behaviour hangs on: clean phone segments covering the
/// whole timeline, pauses, phrases and accented syllables.
struct Prosody: Sendable {
    struct Segment: Sendable, Hashable {
        var start: Double
        var end: Double
        var viseme: Viseme
        var stressed: Bool
        /// Sounds whose mouth shape is borrowed from the neighbours (h, ɦ, ʔ): low dominance.
        var weak: Bool

        var duration: Double { end - start }
        var center: Double { (start + end) / 2 }
        var isSilence: Bool { viseme == .silence }
    }

    struct Span: Sendable, Hashable {
        var start: Double
        var end: Double
        var duration: Double { end - start }
    }

    struct Accent: Sendable, Hashable {
        /// Onset of the accented vowel.
        var time: Double
        /// Stressed and long, or the first accent of a sentence: worth a brow raise.
        var emphasised: Bool
        /// In a word the script marks for emphasis: always a nod and a clear brow raise.
        var marked = false
    }

    /// Shortest silence treated as a pause between phrases.
    static let minPause = 0.15
    /// Shortest pause after which speech counts as a new sentence.
    static let sentencePause = 0.35

    let duration: Double
    /// Sorted, non-overlapping, covering [0, duration]; gaps are filled with silence.
    let segments: [Segment]
    /// Silences of at least `minPause`, including leading and trailing silence.
    let pauses: [Span]
    /// Stretches of speech between pauses.
    let phrases: [Span]
    /// Start times of phrases that follow a pause of at least `sentencePause` (or open the speech).
    let sentenceStarts: [Double]
    let accents: [Accent]
    /// Midpoints between consecutive words.
    let wordBoundaries: [Double]

    init(_ timeline: SpeechTimeline) {
        var phones = timeline.phones.filter { $0.start.isFinite && $0.end.isFinite && $0.end > $0.start }
        phones.sort { $0.start < $1.start }
        let lastEnd = phones.map(\.end).max() ?? 0
        let duration = max(timeline.duration.isFinite ? timeline.duration : 0, lastEnd, 0)
        self.duration = duration

        // Clean, gap-free segment list.
        var segs: [Segment] = []
        var cursor = 0.0
        func appendSilence(_ a: Double, _ b: Double) {
            guard b > a else { return }
            if let last = segs.last, last.isSilence {
                segs[segs.count - 1].end = b
            } else {
                segs.append(Segment(start: a, end: b, viseme: .silence, stressed: false, weak: false))
            }
        }
        for p in phones {
            let start = max(p.start, cursor)
            guard p.end - start > 0.001 else { continue }
            appendSilence(cursor, start)
            if p.viseme == .silence {
                appendSilence(start, p.end)
            } else {
                segs.append(Segment(start: start, end: p.end, viseme: p.viseme, stressed: p.stressed,
                                    weak: Self.isWeak(p.phone)))
            }
            cursor = p.end
        }
        appendSilence(cursor, duration)
        if segs.isEmpty {
            segs.append(Segment(start: 0, end: max(duration, 0.01), viseme: .silence, stressed: false, weak: false))
        }
        segments = segs

        // Pauses and phrases.
        var pauses: [Span] = []
        for (i, s) in segs.enumerated() where s.isSilence {
            let edge = i == 0 || i == segs.count - 1
            if s.duration >= Self.minPause || edge { pauses.append(Span(start: s.start, end: s.end)) }
        }
        self.pauses = pauses
        var phrases: [Span] = []
        var sentenceStarts: [Double] = []
        var runStart: Double? = nil
        var lastPauseLength = Double.infinity
        for (i, s) in segs.enumerated() {
            let isPause = s.isSilence && (s.duration >= Self.minPause || i == 0 || i == segs.count - 1)
            if isPause {
                if let r = runStart { phrases.append(Span(start: r, end: s.start)) }
                runStart = nil
                lastPauseLength = s.duration
            } else if runStart == nil {
                runStart = s.start
                if lastPauseLength >= Self.sentencePause || phrases.isEmpty { sentenceStarts.append(s.start) }
            }
        }
        if let r = runStart { phrases.append(Span(start: r, end: segs.last!.end)) }
        self.phrases = phrases
        self.sentenceStarts = sentenceStarts

        let words = timeline.words.filter { $0.start.isFinite && $0.end.isFinite }.sorted { $0.start < $1.start }
        accents = Self.marking(Self.findAccents(segs, sentenceStarts: sentenceStarts), emphasized: words.filter(\.emphasized), segments: segs)

        wordBoundaries = zip(words, words.dropFirst()).map { ($0.end + $1.start) / 2 }
    }

    /// True for phones that take the mouth shape of their neighbours.
    static func isWeak(_ phone: String) -> Bool {
        let letters = VisemeMapping.significantScalars(phone)
        guard let first = letters.first else { return false }
        return first == "h" || first == "ɦ" || first == "ʔ"
    }

    /// Accented syllables: the vowel of every stressed phone; with no stress marks in the timeline
    /// (acoustic estimation), long vowels stand in.
    private static func findAccents(_ segs: [Segment], sentenceStarts: [Double]) -> [Accent] {
        let hasStress = segs.contains { $0.stressed }
        var candidates: [(time: Double, length: Double)] = []
        for (i, s) in segs.enumerated() {
            if hasStress {
                guard s.stressed else { continue }
                // The stress mark may sit on the onset consonant: find the syllable's vowel.
                var j = i
                while j < segs.count, !VisemeMapping.isVowel(segs[j].viseme), !segs[j].isSilence,
                      segs[j].start - s.start < 0.35 {
                    j += 1
                }
                let nucleus = j < segs.count && VisemeMapping.isVowel(segs[j].viseme) ? segs[j] : s
                candidates.append((nucleus.start, nucleus.duration))
            } else if VisemeMapping.isVowel(s.viseme), s.duration >= 0.15 {
                candidates.append((s.start, s.duration))
            }
        }
        var accents: [Accent] = []
        var sentenceIndex = 0
        var lastSentenceAccented = -Double.infinity
        for c in candidates {
            if let last = accents.last, c.time - last.time < 0.25 { continue }
            while sentenceIndex + 1 < sentenceStarts.count, sentenceStarts[sentenceIndex + 1] <= c.time + 1e-9 {
                sentenceIndex += 1
            }
            let sentence = sentenceStarts.isEmpty ? 0 : sentenceStarts[sentenceIndex]
            let initial = sentence != lastSentenceAccented && c.time >= sentence - 1e-9
            lastSentenceAccented = sentence
            accents.append(Accent(time: c.time, emphasised: c.length >= 0.13 || initial))
        }
        return accents
    }

    /// Accents inside emphasised words are marked; an emphasised word without an accent gets one on its
    /// first vowel.
    private static func marking(_ accents: [Accent], emphasized words: [WordSegment], segments: [Segment]) -> [Accent] {
        guard !words.isEmpty else { return accents }
        var result = accents
        for w in words {
            let inside = result.indices.filter { result[$0].time >= w.start - 0.02 && result[$0].time < w.end }
            if inside.isEmpty {
                let vowel = segments.first { $0.start >= w.start - 0.02 && $0.start < w.end && VisemeMapping.isVowel($0.viseme) }
                result.append(Accent(time: vowel?.start ?? w.start, emphasised: true, marked: true))
            } else {
                for i in inside { result[i].emphasised = true; result[i].marked = true }
            }
        }
        return result.sorted { $0.time < $1.time }
    }

    /// Speech activity: 1 inside speech, 0 inside silence, sampled at `rate`.
    func activity(count: Int, rate: Double) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        var j = 0
        for k in 0..<count {
            let t = Double(k) / rate
            while j + 1 < segments.count, segments[j].end <= t { j += 1 }
            out[k] = segments[j].isSilence || t < segments[j].start ? 0 : 1
        }
        return out
    }
}
