/// How animated the face is. Missing keys decode to their defaults, so a partial JSON style works.
public struct PerformanceStyle: Sendable, Hashable, Codable {
    public var headMotion: Double = 1  // scales head amplitudes (and the angle bounds, up to 1.5×)
    public var blinkRate: Double = 20  // per minute while talking
    public var expressiveness: Double = 1  // scales brow/nod/smile
    public var smile: Double = 0  // baseline smile 0…1
    public var mouthLead: Double = 0.03  // seconds the mouth leads the sound

    public init() {}

    public static let `default` = PerformanceStyle()

    enum CodingKeys: String, CodingKey {
        case headMotion, blinkRate, expressiveness, smile, mouthLead
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PerformanceStyle()
        headMotion = try c.decodeIfPresent(Double.self, forKey: .headMotion) ?? d.headMotion
        blinkRate = try c.decodeIfPresent(Double.self, forKey: .blinkRate) ?? d.blinkRate
        expressiveness = try c.decodeIfPresent(Double.self, forKey: .expressiveness) ?? d.expressiveness
        smile = try c.decodeIfPresent(Double.self, forKey: .smile) ?? d.smile
        mouthLead = try c.decodeIfPresent(Double.self, forKey: .mouthLead) ?? d.mouthLead
    }

    /// The style with every value finite and inside the range the performance supports.
    var sanitised: PerformanceStyle {
        func fix(_ x: Double, _ fallback: Double, _ lo: Double, _ hi: Double) -> Double {
            x.isFinite ? min(hi, max(lo, x)) : fallback
        }
        let d = PerformanceStyle()
        var s = PerformanceStyle()
        s.headMotion = fix(headMotion, d.headMotion, 0, 3)
        s.blinkRate = fix(blinkRate, d.blinkRate, 0, 60)
        s.expressiveness = fix(expressiveness, d.expressiveness, 0, 3)
        s.smile = fix(smile, d.smile, 0, 1)
        s.mouthLead = fix(mouthLead, d.mouthLead, 0, 0.2)
        return s
    }
}

/// One blink: the lids start closing at `start` and are open again `duration` seconds later.
public struct Blink: Sendable, Hashable, Codable {
    public var start: Double
    public var duration: Double

    public init(start: Double, duration: Double) {
        self.start = start
        self.duration = duration
    }

    public var end: Double { start + duration }

    /// Lid closure 0…1 at time t: fast close (25 %), a hold of 30 % (at least 60 ms, so a 25 fps video has
    /// one or two fully closed frames), then a slower open.
    public func closure(at t: Double) -> Double {
        guard duration > 0, t > start, t < end else { return 0 }
        let close = 0.25 * duration
        let holdEnd = close + min(max(0.3 * duration, 0.06), 0.5 * duration)
        let x = t - start
        if x < close { return PerfMath.smoothstep(x / close) }
        if x < holdEnd { return 1 }
        return 1 - PerfMath.smoothstep((x - holdEnd) / (duration - holdEnd))
    }
}
