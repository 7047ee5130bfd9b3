/// The targets of QUALITY.md.
public struct QualityTargets: Sendable, Codable, Hashable {
    /// Identity distance (adapter's embedding distance): mean and max upper bounds.
    public var identityMeanMax: Double
    public var identityMaxMax: Double
    /// Minimum share (0…1) of sampled frames with a face.
    public var facePresentMin: Double
    /// Maximum |AV offset|, seconds.
    public var avOffsetMaxAbs: Double
    /// Minimum Pearson r of mouth opening vs loudness at the best lag.
    public var syncStrengthMin: Double
    /// Minimum share (0…1) of p/b/m whose lips close.
    public var bilabialClosedMin: Double
    /// Blink rate range, per minute.
    public var blinksPerMinuteMin: Double
    public var blinksPerMinuteMax: Double
    /// Blink duration range, seconds.
    public var blinkDurationMin: Double
    public var blinkDurationMax: Double
    /// Maximum dB the video's background PSNR may fall below the still encode's.
    public var backgroundDropMax: Double
    /// Maximum mean landmark jitter in still phases, px at 512 px.
    public var jitterMax: Double
    /// Maximum |video duration - audio duration|, in frames.
    public var durationFrames: Double

    public init(identityMeanMax: Double, identityMaxMax: Double, facePresentMin: Double, avOffsetMaxAbs: Double,
                syncStrengthMin: Double, bilabialClosedMin: Double, blinksPerMinuteMin: Double, blinksPerMinuteMax: Double,
                blinkDurationMin: Double, blinkDurationMax: Double, backgroundDropMax: Double, jitterMax: Double,
                durationFrames: Double) {
        self.identityMeanMax = identityMeanMax
        self.identityMaxMax = identityMaxMax
        self.facePresentMin = facePresentMin
        self.avOffsetMaxAbs = avOffsetMaxAbs
        self.syncStrengthMin = syncStrengthMin
        self.bilabialClosedMin = bilabialClosedMin
        self.blinksPerMinuteMin = blinksPerMinuteMin
        self.blinksPerMinuteMax = blinksPerMinuteMax
        self.blinkDurationMin = blinkDurationMin
        self.blinkDurationMax = blinkDurationMax
        self.backgroundDropMax = backgroundDropMax
        self.jitterMax = jitterMax
        self.durationFrames = durationFrames
    }

    /// The table in QUALITY.md.
    public static let standard = QualityTargets(
        identityMeanMax: 0.25, identityMaxMax: 0.35, facePresentMin: 1.0, avOffsetMaxAbs: 0.040,
        syncStrengthMin: 0.5, bilabialClosedMin: 0.95, blinksPerMinuteMin: 10, blinksPerMinuteMax: 30,
        blinkDurationMin: 0.100, blinkDurationMax: 0.400, backgroundDropMax: 1.5, jitterMax: 0.5, durationFrames: 1)
}

/// Everything `facecast qa` measured on one video, with pass/fail against the targets.
public struct QualityReport: Sendable, Codable, Hashable {
    public var video: String
    public var source: String
    public var width: Int, height: Int, fps: Double, frames: Int
    /// Seconds.
    public var videoDuration: Double, audioDuration: Double
    /// nil if not computed.
    public var identity: Identity?
    /// Share (0…1) of sampled frames with a face.
    public var facePresent: Double
    /// nil if no audio.
    public var sync: SyncMeasurement?
    /// nil without a phone timeline.
    public var bilabials: [BilabialClosure]?
    public var blinks: [BlinkEvent]
    /// nil if not computed.
    public var background: Background?
    /// nil if not computed. Informational: QUALITY.md sets no target for it.
    public var faceDetail: FaceDetail?
    public var jitter: JitterMeasurement
    public var targets: QualityTargets
    /// One entry per video frame; nil when not recorded.
    public var perFrame: [FrameSample]?

    /// Identity distance between the source face and sampled output frames (computed by the adapter).
    public struct Identity: Sendable, Codable, Hashable {
        public var mean: Double
        public var max: Double
        public var samples: Int
        /// Seconds: the sampled frame with the largest distance (nil in reports written before it was recorded).
        public var maxTime: Double?
        /// The largest distance among the samples outside blinks, when the largest of all is in one (closed
        /// lids are what the recogniser sees least of a face, so this tells the blink's cost from the rest); else nil.
        public var maxOutsideBlinks: Double?

        public init(mean: Double, max: Double, samples: Int, maxTime: Double? = nil, maxOutsideBlinks: Double? = nil) {
            self.mean = mean
            self.max = max
            self.samples = samples
            self.maxTime = maxTime
            self.maxOutsideBlinks = maxOutsideBlinks
        }

        /// From the sampled frames' distances (time in seconds) and the blinks (start, end in seconds: those measured on
        /// the video and those the renderer scheduled, which dlib may miss on a turned face); nil without samples.
        public init?(samples: [(time: Double, distance: Double)], blinks: [(start: Double, end: Double)]) {
            guard let top = samples.max(by: { $0.distance < $1.distance }) else { return nil }
            func inBlink(_ t: Double) -> Bool { blinks.contains { $0.start <= t && t < $0.end } }
            let outside = samples.filter { !inBlink($0.time) }.map(\.distance).max()
            self.init(mean: samples.map(\.distance).reduce(0, +) / Double(samples.count), max: top.distance,
                      samples: samples.count, maxTime: top.time, maxOutsideBlinks: inBlink(top.time) ? outside : nil)
        }

        /// The max as the report prints it: where it is, and whether a blink made it.
        var maxText: String {
            let f = NumberText.fixed
            var text = f(max, 3, false)
            if let t = maxTime { text += " at " + f(t, 2, false) + " s" }
            if let rest = maxOutsideBlinks { text += ", in a blink (outside blinks " + f(rest, 3, false) + ")" }
            return text
        }
    }

    /// Background stability: mean PSNR (dB) outside the head mask, of the video and of a still encode of the reference.
    public struct Background: Sendable, Codable, Hashable {
        public var video: Double
        public var still: Double
        /// `still - video` (positive = the video's background is worse than a still encode).
        public var drop: Double
        public var backgroundFraction: Double
        public init(video: Double, still: Double, drop: Double, backgroundFraction: Double) {
            self.video = video
            self.still = still
            self.drop = drop
            self.backgroundFraction = backgroundFraction
        }
        /// Convenience: drop = still - video.
        public init(video: Double, still: Double, backgroundFraction: Double) {
            self.init(video: video, still: still, drop: still - video, backgroundFraction: backgroundFraction)
        }
    }

    /// How much of the photo's fine detail the face keeps: the variance of the Laplacian (`ImageQuality`) in the
    /// tracked face box, averaged over the frames, beside the same in a still encode of the reference at the same
    /// encoder settings (so the codec's own loss on a still picture is not counted). Warping resamples the face, and
    /// the encoder spends fewer bits on moving texture: both soften the face against the photo around it.
    public struct FaceDetail: Sendable, Codable, Hashable {
        public var video: Double
        public var still: Double
        /// `video / still` (1 = as sharp as a still encode).
        public var share: Double
        public init(video: Double, still: Double) {
            self.video = video
            self.still = still
            share = still > 0 ? video / still : 0
        }
    }

    public init(video: String, source: String, width: Int, height: Int, fps: Double, frames: Int,
                videoDuration: Double, audioDuration: Double, identity: Identity? = nil, facePresent: Double,
                sync: SyncMeasurement? = nil, bilabials: [BilabialClosure]? = nil, blinks: [BlinkEvent] = [],
                background: Background? = nil, faceDetail: FaceDetail? = nil,
                jitter: JitterMeasurement = JitterMeasurement(mean: 0, p95: 0, max: 0, pairs: 0),
                targets: QualityTargets = .standard, perFrame: [FrameSample]? = nil) {
        self.video = video
        self.source = source
        self.width = width
        self.height = height
        self.fps = fps
        self.frames = frames
        self.videoDuration = videoDuration
        self.audioDuration = audioDuration
        self.identity = identity
        self.facePresent = facePresent
        self.sync = sync
        self.bilabials = bilabials
        self.blinks = blinks
        self.background = background
        self.faceDetail = faceDetail
        self.jitter = jitter
        self.targets = targets
        self.perFrame = perFrame
    }

    /// blinks.count / (videoDuration/60); 0 if the duration is 0.
    public var blinksPerMinute: Double {
        videoDuration > 0 ? Double(blinks.count) / (videoDuration / 60) : 0
    }

    /// Share (0…1) of bilabials that closed; nil without a timeline or without any p/b/m.
    public var bilabialClosedShare: Double? {
        guard let b = bilabials, !b.isEmpty else { return nil }
        return Double(b.filter(\.closed).count) / Double(b.count)
    }

    /// One row per metric: name, measured value as text, target as text, and pass/fail (nil = not measured, e.g. no timeline).
    public struct Check: Sendable, Codable, Hashable {
        public var metric: String
        public var value: String
        public var target: String
        public var pass: Bool?
        public init(metric: String, value: String, target: String, pass: Bool?) {
            self.metric = metric
            self.value = value
            self.target = target
            self.pass = pass
        }
    }

    /// The checks, in QUALITY.md order (11 rows; identity and blinks have two each).
    public var checks: [Check] {
        let t = targets
        let f = NumberText.fixed
        var rows: [Check] = []
        let na = "not measured"

        if let id = identity {
            rows.append(Check(metric: "identity distance (mean)", value: f(id.mean, 3, false) + " (\(id.samples) samples)",
                              target: "<= " + f(t.identityMeanMax, 2, false), pass: id.mean <= t.identityMeanMax))
            rows.append(Check(metric: "identity distance (max)", value: id.maxText,
                              target: "<= " + f(t.identityMaxMax, 2, false), pass: id.max <= t.identityMaxMax))
        } else {
            rows.append(Check(metric: "identity distance (mean)", value: na, target: "<= " + f(t.identityMeanMax, 2, false), pass: nil))
            rows.append(Check(metric: "identity distance (max)", value: na, target: "<= " + f(t.identityMaxMax, 2, false), pass: nil))
        }

        rows.append(Check(metric: "face present", value: f(facePresent * 100, 1, false) + " %",
                          target: ">= " + f(t.facePresentMin * 100, 0, false) + " %",
                          pass: facePresent >= t.facePresentMin - 1e-9))

        let offsetTarget = "within +/-" + f(t.avOffsetMaxAbs * 1000, 0, false) + " ms"
        let strengthTarget = ">= " + f(t.syncStrengthMin, 2, false)
        if let s = sync {
            let direction = s.offset > 0.0005 ? " (audio late)" : (s.offset < -0.0005 ? " (audio early)" : "")
            rows.append(Check(metric: "AV offset", value: f(s.offset * 1000, 0, true) + " ms" + direction,
                              target: offsetTarget, pass: abs(s.offset) <= t.avOffsetMaxAbs + 1e-9))
            rows.append(Check(metric: "sync strength", value: f(s.strength, 2, false),
                              target: strengthTarget, pass: s.strength >= t.syncStrengthMin))
        } else {
            rows.append(Check(metric: "AV offset", value: "no audio", target: offsetTarget, pass: nil))
            rows.append(Check(metric: "sync strength", value: "no audio", target: strengthTarget, pass: nil))
        }

        let bilabialTarget = ">= " + f(t.bilabialClosedMin * 100, 0, false) + " % closed"
        if let share = bilabialClosedShare, let b = bilabials {
            rows.append(Check(metric: "bilabial closures",
                              value: f(share * 100, 1, false) + " % (\(b.filter(\.closed).count)/\(b.count))",
                              target: bilabialTarget, pass: share >= t.bilabialClosedMin - 1e-9))
        } else {
            rows.append(Check(metric: "bilabial closures", value: bilabials == nil ? "no timeline" : "no p/b/m",
                              target: bilabialTarget, pass: nil))
        }

        let rate = blinksPerMinute
        rows.append(Check(metric: "blink rate", value: f(rate, 1, false) + "/min (\(blinks.count))",
                          target: f(t.blinksPerMinuteMin, 0, false) + "-" + f(t.blinksPerMinuteMax, 0, false) + "/min",
                          pass: videoDuration > 0 ? (rate >= t.blinksPerMinuteMin && rate <= t.blinksPerMinuteMax) : nil))
        let durTarget = f(t.blinkDurationMin * 1000, 0, false) + "-" + f(t.blinkDurationMax * 1000, 0, false) + " ms"
        if let lo = blinks.map(\.duration).min(), let hi = blinks.map(\.duration).max() {
            rows.append(Check(metric: "blink durations",
                              value: "min " + f(lo * 1000, 0, false) + " ms, max " + f(hi * 1000, 0, false) + " ms",
                              target: durTarget,
                              pass: lo >= t.blinkDurationMin - 1e-9 && hi <= t.blinkDurationMax + 1e-9))
        } else {
            rows.append(Check(metric: "blink durations", value: "no blinks", target: durTarget, pass: nil))
        }

        let bgTarget = "<= " + f(t.backgroundDropMax, 1, false) + " dB below still"
        if let bg = background {
            rows.append(Check(metric: "background stability",
                              value: f(bg.drop, 2, true) + " dB (video " + f(bg.video, 1, false) + ", still " + f(bg.still, 1, false) + ")",
                              target: bgTarget, pass: bg.drop <= t.backgroundDropMax))
        } else {
            rows.append(Check(metric: "background stability", value: na, target: bgTarget, pass: nil))
        }

        let jitterTarget = "mean <= " + f(t.jitterMax, 2, false) + " px"
        if jitter.pairs > 0 {
            rows.append(Check(metric: "temporal jitter",
                              value: "mean " + f(jitter.mean, 2, false) + " px (p95 " + f(jitter.p95, 2, false)
                                  + ", \(jitter.pairs) pairs)",
                              target: jitterTarget, pass: jitter.mean <= t.jitterMax))
        } else {
            rows.append(Check(metric: "temporal jitter", value: "no still frames", target: jitterTarget, pass: nil))
        }

        let frameWord = t.durationFrames == 1 ? " frame" : " frames"
        let durationTarget = "within " + f(t.durationFrames, t.durationFrames == t.durationFrames.rounded() ? 0 : 1, false) + frameWord
        if fps > 0, audioDuration > 0 {
            let diffFrames = abs(videoDuration - audioDuration) * fps
            rows.append(Check(metric: "duration",
                              value: "video " + f(videoDuration, 3, false) + " s, audio " + f(audioDuration, 3, false)
                                  + " s (" + f(diffFrames, 1, false) + " frames)",
                              target: durationTarget, pass: diffFrames <= t.durationFrames + 1e-6))
        } else {
            rows.append(Check(metric: "duration", value: "video " + f(videoDuration, 3, false) + " s, no audio",
                              target: durationTarget, pass: nil))
        }
        return rows
    }

    /// Readable fixed-width table of the checks with PASS / FAIL / n/a, plus a one-line summary ("7 of 9 targets met").
    public func table() -> String {
        let rows = checks
        let header = ["metric", "value", "target", "result"]
        let cells = rows.map { [$0.metric, $0.value, $0.target, $0.pass.map { $0 ? "PASS" : "FAIL" } ?? "n/a"] }
        var widths = header.map(\.count)
        for c in cells { for k in 0..<4 { widths[k] = max(widths[k], c[k].count) } }
        func line(_ c: [String]) -> String {
            var s = ""
            for k in 0..<4 {
                let cell = c[k]
                s += k < 3 ? cell + String(repeating: " ", count: widths[k] - cell.count + 2) : cell
            }
            return s
        }
        var out = "\(video): \(width)x\(height), " + NumberText.fixed(fps, fps == fps.rounded() ? 0 : 2) + " fps, \(frames) frames\n"
        out += line(header) + "\n"
        out += String(repeating: "-", count: widths.reduce(0, +) + 6) + "\n"
        for c in cells { out += line(c) + "\n" }
        let measured = rows.filter { $0.pass != nil }
        let passed = measured.filter { $0.pass == true }.count
        let missing = rows.count - measured.count
        out += "\(passed) of \(measured.count) targets met"
        if missing > 0 { out += " (\(missing) not measured)" }
        out += "\n"
        if let d = faceDetail {
            out += "face detail: " + NumberText.fixed(d.share, 2) + " of a still encode's (no target)\n"
        }
        return out
    }

    // MARK: - Codable (the JSON also carries the derived `checks`, `blinksPerMinute` and `bilabialClosedShare`)

    private enum CodingKeys: String, CodingKey {
        case video, source, width, height, fps, frames, videoDuration, audioDuration, identity, facePresent, sync,
             bilabials, blinks, background, faceDetail, jitter, targets, perFrame
        case blinksPerMinute, bilabialClosedShare, checks
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(video, forKey: .video)
        try c.encode(source, forKey: .source)
        try c.encode(width, forKey: .width)
        try c.encode(height, forKey: .height)
        try c.encode(fps, forKey: .fps)
        try c.encode(frames, forKey: .frames)
        try c.encode(videoDuration, forKey: .videoDuration)
        try c.encode(audioDuration, forKey: .audioDuration)
        try c.encode(identity, forKey: .identity)
        try c.encode(facePresent, forKey: .facePresent)
        try c.encode(sync, forKey: .sync)
        try c.encode(bilabials, forKey: .bilabials)
        try c.encode(blinks, forKey: .blinks)
        try c.encode(background, forKey: .background)
        try c.encodeIfPresent(faceDetail, forKey: .faceDetail)
        try c.encode(jitter, forKey: .jitter)
        try c.encode(targets, forKey: .targets)
        try c.encode(blinksPerMinute, forKey: .blinksPerMinute)
        try c.encode(bilabialClosedShare, forKey: .bilabialClosedShare)
        try c.encode(checks, forKey: .checks)
        try c.encodeIfPresent(perFrame, forKey: .perFrame)
    }

    /// Decodes the measured fields; the derived keys are ignored (recomputed). Missing targets → `.standard`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        video = try c.decode(String.self, forKey: .video)
        source = try c.decode(String.self, forKey: .source)
        width = try c.decode(Int.self, forKey: .width)
        height = try c.decode(Int.self, forKey: .height)
        fps = try c.decode(Double.self, forKey: .fps)
        frames = try c.decode(Int.self, forKey: .frames)
        videoDuration = try c.decode(Double.self, forKey: .videoDuration)
        audioDuration = try c.decode(Double.self, forKey: .audioDuration)
        identity = try c.decodeIfPresent(Identity.self, forKey: .identity)
        facePresent = try c.decode(Double.self, forKey: .facePresent)
        sync = try c.decodeIfPresent(SyncMeasurement.self, forKey: .sync)
        bilabials = try c.decodeIfPresent([BilabialClosure].self, forKey: .bilabials)
        blinks = try c.decodeIfPresent([BlinkEvent].self, forKey: .blinks) ?? []
        background = try c.decodeIfPresent(Background.self, forKey: .background)
        faceDetail = try c.decodeIfPresent(FaceDetail.self, forKey: .faceDetail)
        jitter = try c.decodeIfPresent(JitterMeasurement.self, forKey: .jitter) ?? JitterMeasurement(mean: 0, p95: 0, max: 0, pairs: 0)
        targets = try c.decodeIfPresent(QualityTargets.self, forKey: .targets) ?? .standard
        perFrame = try c.decodeIfPresent([FrameSample].self, forKey: .perFrame)
    }
}
