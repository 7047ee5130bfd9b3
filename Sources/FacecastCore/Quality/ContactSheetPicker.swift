/// Chooses the video frames a contact sheet shows, while the video is measured frame by frame.
///
/// The phone moments come from the timeline, known before any frame: the centre of the longest open vowel (viseme
/// `.aa`, else the longest vowel), of a p/b/m (preferably one between two vowels, the longest) and of the longest f/v.
/// The blink is the frame with the lowest measured eye aspect ratio inside a blink qa measured; when qa measured none,
/// the moment of full closure of the longest scheduled blink, captioned as not detected. The head turn is the frame
/// whose yaw differs most from the first frame's; yaw is taken as the median over ±2 frames, since the landmark yaw of
/// a talking face jumps by several degrees from frame to frame. Frames are fed in order with `observe`;
/// `neededFrames` says which frames may still be shown, so a caller keeps only those. A moment the video or script
/// lacks is left out with a note, never stood in for by another frame.
public struct ContactSheetPicker: Sendable {
    public enum Kind: String, Sendable { case vowel, bilabial, labiodental, blink, headTurn }

    public struct Moment: Sendable, Hashable {
        public var kind: Kind
        public var frame: Int
        /// Upper case, "\n" between lines (for `ContactSheet.Tile`).
        public var caption: String
    }

    public let fps: Double
    public let frameCount: Int
    private let phoneMoments: [Moment]
    private let phoneNotes: [String]
    private let scheduledBlink: Moment?
    static let yawRadius = 2
    private var yaws: [Double?] = []
    private var deepestEye: (frame: Int, ear: Double)?
    private var firstYaw: Double?
    private var widestTurn: (frame: Int, yaw: Double)?

    public init(timeline: SpeechTimeline?, scheduledBlinks: [Blink], fps: Double, frameCount: Int) {
        self.fps = fps
        self.frameCount = frameCount
        var moments: [Moment] = [], notes: [String] = []
        func frame(_ t: Double) -> Int { min(frameCount - 1, max(0, Int((t * fps).rounded()))) }
        let valid = fps > 0 && fps.isFinite && frameCount > 0

        if valid, let timeline {
            let phones = timeline.phones
            func add(_ kind: Kind, _ label: String, _ i: Int?, missing: String) {
                guard let i else { return notes.append(missing) }
                let f = frame(phones[i].center)
                var caption = "\(label) '\(Self.sound(phones[i]))' \(NumberText.fixed(Double(f) / fps, 2)) S"
                if let word = timeline.words.first(where: { $0.start <= phones[i].center && phones[i].center < $0.end }) {
                    caption += "\nIN '" + Self.printable(word.text) + "'"
                }
                moments.append(Moment(kind: kind, frame: f, caption: caption))
            }
            func longest(_ indices: [Int]) -> Int? { indices.max { phones[$0].duration < phones[$1].duration } }
            func isVowel(_ i: Int) -> Bool { phones.indices.contains(i) && VisemeMapping.isVowel(phones[i].viseme) }

            let open = phones.indices.filter { phones[$0].viseme == .aa }
            if open.isEmpty, phones.contains(where: { VisemeMapping.isVowel($0.viseme) }) {
                notes.append("NO OPEN VOWEL (AA) IN THE SCRIPT: THE LONGEST VOWEL IS SHOWN")
            }
            add(.vowel, "VOWEL", longest(open.isEmpty ? phones.indices.filter(isVowel) : open),
                missing: "NO VOWEL IN THE TIMELINE: NO VOWEL TILE")
            let bilabials = phones.indices.filter { phones[$0].viseme == .PP }
            let between = bilabials.filter { isVowel($0 - 1) && isVowel($0 + 1) }
            add(.bilabial, "P/B/M", longest(between.isEmpty ? bilabials : between), missing: "NO P/B/M IN THE SCRIPT: NO P/B/M TILE")
            add(.labiodental, "F/V", longest(phones.indices.filter { phones[$0].viseme == .FF }),
                missing: "NO F/V IN THE SCRIPT: NO F/V TILE")
        } else {
            notes.append("NO TIMELINE: NO VOWEL, P/B/M OR F/V TILES")
        }
        phoneMoments = moments
        phoneNotes = notes
        // The lids are fully closed from 30 % to 45 % of a blink (`Blink.closure`): show the middle of that.
        scheduledBlink = valid ? scheduledBlinks.max { $0.duration < $1.duration }.map { b in
            let f = frame(b.start + 0.375 * b.duration)
            return Moment(kind: .blink, frame: f, caption: "BLINK \(NumberText.fixed(Double(f) / fps, 2)) S\nSCHEDULED, NOT DETECTED")
        } : nil
    }

    /// The measurements of the next frame (frame 0 first; nil where no face was measured).
    public mutating func observe(eyeAspectRatio: Double?, yaw: Double?) {
        if let e = eyeAspectRatio, e.isFinite, e < deepestEye?.ear ?? .infinity { deepestEye = (yaws.count, e) }
        yaws.append(yaw.flatMap { $0.isFinite ? $0 : nil })
        if yaws.count > Self.yawRadius { considerTurn(at: yaws.count - 1 - Self.yawRadius) }
    }

    /// Frames that may appear on the sheet, given what has been observed so far (the last two wait for their yaw median).
    public var neededFrames: Set<Int> {
        Set(phoneMoments.map(\.frame) + [scheduledBlink?.frame, deepestEye?.frame, widestTurn?.frame].compactMap { $0 })
            .union(max(0, yaws.count - Self.yawRadius)..<yaws.count)
    }

    /// Frame `c`'s median yaw, compared with the first frame's once all frames within ±2 of it are observed.
    private mutating func considerTurn(at c: Int) {
        let near = yaws[max(0, c - Self.yawRadius)...min(yaws.count - 1, c + Self.yawRadius)].compactMap { $0 }
        guard !near.isEmpty else { return }
        let y = QualitySignals.median(near)
        let first = firstYaw ?? y
        firstYaw = first
        if widestTurn.map({ abs(y - first) > abs($0.yaw - first) }) ?? true { widestTurn = (c, y) }
    }

    /// The moments in sheet order (vowel, p/b/m, f/v, blink, head turn; those found) and notes on the ones left out.
    public func moments(measuredBlinks: [BlinkEvent]) -> (moments: [Moment], notes: [String]) {
        var moments = phoneMoments, notes = phoneNotes
        var done = self
        for c in max(0, yaws.count - Self.yawRadius)..<yaws.count { done.considerTurn(at: c) }
        let (widestTurn, firstYaw) = (done.widestTurn, done.firstYaw)
        let inBlink = deepestEye.map { d in
            measuredBlinks.contains { Double(d.frame) / fps >= $0.start - 1e-9 && Double(d.frame) / fps < $0.end - 1e-9 }
        } ?? false
        if let d = deepestEye, inBlink {
            moments.append(Moment(kind: .blink, frame: d.frame,
                                  caption: "BLINK \(NumberText.fixed(Double(d.frame) / fps, 2)) S\nEAR \(NumberText.fixed(d.ear, 2))"))
        } else if let scheduledBlink {
            moments.append(scheduledBlink)
        } else {
            notes.append("NO BLINK MEASURED OR SCHEDULED: NO BLINK TILE")
        }
        if let w = widestTurn, let first = firstYaw {
            moments.append(Moment(kind: .headTurn, frame: w.frame, caption: "HEAD TURN \(NumberText.fixed(Double(w.frame) / fps, 2)) S\n"
                + "YAW \(NumberText.fixed(w.yaw, 0, plus: true)) (START \(NumberText.fixed(first, 0, plus: true)))"))
        } else {
            notes.append("NO FACE MEASURED: NO HEAD TURN TILE")
        }
        return (moments, notes)
    }

    /// The phone in the font's letters: its ASCII letters when it has only those ("M", "B"), else its viseme ("AA").
    static func sound(_ phone: PhoneSegment) -> String {
        let letters = VisemeMapping.significantScalars(phone.phone)
        let ascii = !letters.isEmpty && letters.allSatisfy { $0.isASCII && $0.properties.isAlphabetic }
        return ascii ? String(String.UnicodeScalarView(letters)).uppercased() : phone.viseme.rawValue.uppercased()
    }

    /// Letters, digits and apostrophes the font has, upper case.
    static func printable(_ text: String) -> String {
        text.uppercased().filter { ($0.isLetter || $0.isNumber || $0 == "'") && BitmapFont.glyph($0) != nil }
    }
}
