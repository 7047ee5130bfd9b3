import RealModule

/// The face's performance over time: speech timeline (+ loudness) → rig parameters.
///
/// Everything is computed once in `init` as curves sampled at 100 Hz (blinks stay analytic), so
/// `params(at:)` is a cheap, allocation-free interpolation that any number of threads can call.
/// The result depends only on (timeline, loudness, seed, style).
public struct Performance: Sendable {
    /// Curve sampling rate, Hz.
    static let rate = 100.0

    public let blinks: [Blink]
    /// The style actually used (values clamped to supported ranges).
    let style: PerformanceStyle
    /// Seconds covered by the curves (the timeline's duration, or its last phone if later).
    let duration: Double
    /// Sample-major curves: sample k, channel c at `curves[k * Channel.count + c]`.
    private let curves: [Double]
    private let sampleCount: Int

    /// Channels held as curves, in storage order.
    enum Channel: Int, CaseIterable {
        case jawOpen, lipsWide, lipsRound, lipPress, upperLipRaise, lowerLipTuck, tongueUp
        case smile, photoMouth, squint, browRaise, browFurrow, gazeX, gazeY
        case headYaw, headPitch, headRoll, headShiftX, headShiftY, breath
        static let count = allCases.count
    }

    public init(timeline: SpeechTimeline, loudness: LoudnessEnvelope? = nil, seed: UInt64,
                style: PerformanceStyle = .default) {
        let style = style.sanitised
        let prosody = Prosody(timeline)
        let rate = Self.rate
        let count = max(2, Int((prosody.duration * rate).rounded(.up)) + 2)
        self.style = style
        self.duration = prosody.duration
        self.sampleCount = count

        let mouth = Coarticulation.curves(prosody, count: count, rate: rate, lead: style.mouthLead,
                                          loudness: loudness)
        let face = Self.nonVerbalCurves(prosody, count: count, rate: rate, seed: seed, style: style)

        var flat = [Double](repeating: 0, count: count * Channel.count)
        for (c, curve) in mouth.enumerated() {
            for k in 0..<count { flat[k * Channel.count + c] = curve[k] }
        }
        for (channel, curve) in face {
            let c = channel.rawValue
            for k in 0..<count { flat[k * Channel.count + c] = curve[k] }
        }
        curves = flat
        blinks = Self.scheduleBlinks(prosody, seed: seed, style: style)
    }

    /// Rig parameters at time t (seconds). Pure and deterministic for (timeline, loudness, seed, style).
    public func params(at t: Double) -> RigParams {
        let x = t.isFinite ? min(max(t * Self.rate, 0), Double(sampleCount - 1)) : 0
        let k = min(Int(x), sampleCount - 2)
        let f = x - Double(k)
        let a = k * Channel.count, b = a + Channel.count
        @inline(__always) func v(_ c: Channel) -> Double {
            let i = c.rawValue
            return curves[a + i] + (curves[b + i] - curves[a + i]) * f
        }
        var p = RigParams()
        p.jawOpen = v(.jawOpen)
        p.lipsWide = v(.lipsWide)
        p.lipsRound = v(.lipsRound)
        p.lipPress = v(.lipPress)
        p.upperLipRaise = v(.upperLipRaise)
        p.lowerLipTuck = v(.lowerLipTuck)
        p.tongueUp = v(.tongueUp)
        p.smile = v(.smile)
        p.photoMouth = v(.photoMouth)
        p.squint = v(.squint)
        p.browRaise = v(.browRaise)
        p.browFurrow = v(.browFurrow)
        p.gazeX = v(.gazeX)
        p.gazeY = v(.gazeY)
        p.headYaw = v(.headYaw)
        p.headPitch = v(.headPitch)
        p.headRoll = v(.headRoll)
        p.headShiftX = v(.headShiftX)
        p.headShiftY = v(.headShiftY)
        p.breath = v(.breath)
        let blink = t.isFinite ? blinkClosure(at: t) : 0
        p.blinkL = blink
        p.blinkR = blink
        return p
    }

    /// Frame times for a video: frame i at i/fps, count = round(duration*fps) (at least 1).
    public static func frameCount(duration: Double, fps: Double) -> Int {
        let n = duration * fps
        guard n.isFinite, n > 0 else { return 1 }
        return max(1, Int(min(n.rounded(), Double(Int32.max))))
    }

    /// Lid closure from the blink (if any) covering t; blinks are sorted and never overlap.
    func blinkClosure(at t: Double) -> Double {
        var lo = 0, hi = blinks.count
        while lo < hi {  // first blink whose end is after t
            let mid = (lo + hi) / 2
            if blinks[mid].end <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo < blinks.count ? blinks[lo].closure(at: t) : 0
    }
}

/// Small numeric helpers shared by the performance files.
enum PerfMath {
    /// 0 below 0, 1 above 1, smooth (C1) in between.
    static func smoothstep(_ x: Double) -> Double {
        let u = min(1, max(0, x))
        return u * u * (3 - 2 * u)
    }

    /// 0 before a, rising to 1 at b, 1 until c, falling to 0 at d (smoothstep ramps).
    static func plateau(_ t: Double, _ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double {
        if t <= a || t >= d { return 0 }
        if t < b { return smoothstep((t - a) / max(b - a, 1e-9)) }
        if t <= c { return 1 }
        return 1 - smoothstep((t - c) / max(d - c, 1e-9))
    }

    /// Zero-phase Gaussian smoothing; sigma in samples; edges are held.
    static func gaussianSmooth(_ xs: [Double], sigma: Double) -> [Double] {
        guard sigma > 0.3, xs.count > 2 else { return xs }
        let radius = Int((3 * sigma).rounded(.up))
        let kernel = (-radius...radius).map { Double.exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let norm = kernel.reduce(0, +)
        let n = xs.count
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var acc = 0.0
            for j in -radius...radius {
                let idx = min(n - 1, max(0, i + j))
                acc += kernel[j + radius] * xs[idx]
            }
            out[i] = acc / norm
        }
        return out
    }

    /// Identity up to `knee`·limit, then saturating smoothly (C1) at ±limit.
    static func softLimit(_ x: Double, _ limit: Double, knee: Double = 0.7) -> Double {
        guard limit > 0 else { return 0 }
        let k = knee * limit
        let m = abs(x)
        if m <= k { return x }
        let y = k + (limit - k) * Double.tanh((m - k) / (limit - k))
        return x < 0 ? -y : y
    }

    /// Standard normal deviate (Box–Muller).
    static func normal(_ rng: inout SeededRandom) -> Double {
        let u1 = max(rng.unit(), 1e-12)
        let u2 = rng.unit()
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
    }

    /// Uniform in [a, b).
    static func uniform(_ rng: inout SeededRandom, _ a: Double, _ b: Double) -> Double {
        a + (b - a) * rng.unit()
    }

    /// Independent stream for one concern of the performance, so adding draws to one concern
    /// never shifts another.
    static func stream(_ seed: UInt64, _ salt: UInt64) -> SeededRandom {
        var mixer = SeededRandom(seed: seed ^ (salt &* 0xD6E8_FEB8_6659_FD93))
        return SeededRandom(seed: mixer.next())
    }
}
