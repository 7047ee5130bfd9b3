import RealModule

/// Mouth movement from visemes by dominance blending (Cohen & Massaro 1993).
///
/// Every segment has a target for each mouth control and a dominance that is flat over the middle
/// half of the segment and decays exponentially outside it: D(t) = α·exp(−θ·d), d the distance to
/// that core. A control's value is Σ Dᵢ·Tᵢ / Σ Dᵢ. Bilabials and labiodentals have very high, fast
/// decaying dominance on their own controls; consonants made inside the mouth (k, t, n, s) have low
/// jaw and lip dominance, so they take their neighbours' shape (the jaw stays open in "aka").
/// The blended curves are smoothed with a short Gaussian (σ 18 ms), the jaw is scaled by loudness, and then
/// closures for p/b/m and teeth-on-lip for f/v are enforced with smooth ramps, so smoothing can
/// never undo them.
enum Coarticulation {
    /// Mouth controls in curve order.
    enum Control: Int, CaseIterable {
        case jawOpen, lipsWide, lipsRound, lipPress, upperLipRaise, lowerLipTuck, tongueUp
    }

    static let controlCount = Control.allCases.count

    struct Profile {
        /// Target value per control (Control order).
        var target: [Double]
        /// Peak dominance per control.
        var alpha: [Double]
        /// Dominance decay per control, 1/s.
        var theta: [Double]
    }

    /// Targets per viseme, in Control order: jaw, wide, round, press, upperLipRaise, tuck, tongue.
    static func target(_ v: Viseme) -> [Double] {
        switch v {
        case .silence: [0, 0, 0, 0, 0, 0, 0]
        case .PP: [0, 0, 0, 1, 0, 0, 0]
        case .FF: [0.1, 0, 0, 0, 0.15, 1, 0]
        case .TH: [0.2, 0.1, 0, 0, 0, 0, 1]
        case .DD: [0.2, 0.1, 0, 0, 0, 0, 0.8]
        case .kk: [0.3, 0.1, 0, 0, 0, 0, 0]
        case .CH: [0.15, 0, 0.45, 0, 0.3, 0, 0]
        case .SS: [0.1, 0.3, 0, 0, 0.2, 0, 0]
        case .nn: [0.2, 0.05, 0, 0, 0, 0, 0.8]
        case .RR: [0.2, 0, 0.3, 0, 0, 0, 0.2]
        case .aa: [0.8, 0.1, 0, 0, 0.1, 0, 0]
        case .E: [0.45, 0.5, 0, 0, 0.1, 0, 0]
        case .I: [0.2, 0.7, 0, 0, 0.1, 0, 0]
        case .O: [0.5, 0, 0.7, 0, 0, 0, 0]
        case .U: [0.2, 0, 0.95, 0, 0, 0, 0]
        }
    }

    static func profile(_ v: Viseme) -> Profile {
        //                      jaw   wide  round press  ulr   tuck  tongue
        let target = target(v)
        switch v {
        case .silence:
            return Profile(target: target, alpha: [1, 0.8, 0.8, 1, 0.8, 1, 0.8],
                           theta: [12, 10, 10, 20, 12, 20, 20])
        case .aa, .E, .I, .O, .U:
            // Vowels own the jaw: measured on real renders, alpha 1 let flanking p/b/m halve an "ɑː".
            return Profile(target: target, alpha: [1.6, 1, 1, 1, 0.6, 1, 0.6],
                           theta: [12, 10, 10, 20, 12, 20, 20])
        case .PP:
            // The jaw closure itself is enforced by enforceContacts; a strong, wide jaw pull here only
            // robbed the neighbouring vowels of their opening.
            return Profile(target: target, alpha: [1, 0.3, 0.2, 60, 2, 5, 0.3],
                           theta: [70, 20, 20, 120, 30, 40, 20])
        case .FF:
            return Profile(target: target, alpha: [1, 0.3, 0.3, 5, 2, 60, 0.3],
                           theta: [70, 20, 20, 40, 30, 120, 20])
        case .TH, .DD, .nn:
            return Profile(target: target, alpha: [0.6, 0.3, 0.3, 1, 0.4, 1, 8],
                           theta: [20, 20, 20, 20, 20, 20, 60])
        case .kk:
            return Profile(target: target, alpha: [0.5, 0.2, 0.2, 1, 0.3, 1, 0.5],
                           theta: [20, 20, 20, 20, 20, 20, 20])
        case .CH:
            return Profile(target: target, alpha: [1, 2, 4, 1, 3, 1, 0.5],
                           theta: [25, 30, 30, 20, 30, 20, 20])
        case .SS:
            return Profile(target: target, alpha: [2, 1.5, 0.3, 1, 1.5, 1, 0.5],
                           theta: [30, 30, 20, 20, 30, 20, 20])
        case .RR:
            return Profile(target: target, alpha: [0.6, 0.5, 1.5, 1, 0.4, 1, 0.5],
                           theta: [20, 20, 20, 20, 20, 20, 20])
        }
    }

    /// Fraction of a segment (around its centre) over which its dominance is at its peak.
    static let coreFraction = 0.5
    /// Segments further than this from a sample (seconds) are ignored.
    static let window = 0.8
    /// Standard deviation of the smoothing Gaussian, seconds.
    static let smoothingSigma = 0.018
    /// Length of the ramps into and out of an enforced closure, seconds.
    static let closureRamp = 0.025

    /// Mouth curves sampled at `rate` Hz, sample k at time k/rate, one array per Control.
    /// Segment times are in sound time; the mouth runs `lead` seconds ahead of them.
    static func curves(_ prosody: Prosody, count: Int, rate: Double, lead: Double,
                       loudness: LoudnessEnvelope?) -> [[Double]] {
        let segs = prosody.segments
        let profiles = segs.map { s -> Profile in
            var p = profile(s.viseme)
            if s.weak { p.alpha = p.alpha.map { $0 * 0.15 } }
            return p
        }
        var out = [[Double]](repeating: [Double](repeating: 0, count: count), count: controlCount)
        var lo = 0
        var num = [Double](repeating: 0, count: controlCount)
        var den = [Double](repeating: 0, count: controlCount)
        for k in 0..<count {
            let t = Double(k) / rate + lead  // the sound time this mouth sample anticipates
            while lo < segs.count - 1, segs[lo].end < t - window { lo += 1 }
            for c in 0..<controlCount { num[c] = 0; den[c] = 0 }
            var covering = lo
            var i = lo
            while i < segs.count, segs[i].start <= t + window {
                let s = segs[i]
                if s.start <= t { covering = i }
                let d = max(0, abs(t - s.center) - coreFraction * s.duration / 2)
                let p = profiles[i]
                for c in 0..<controlCount {
                    let dom = p.alpha[c] * Double.exp(-p.theta[c] * d)
                    num[c] += dom * p.target[c]
                    den[c] += dom
                }
                i += 1
            }
            for c in 0..<controlCount {
                out[c][k] = den[c] > 1e-200 ? num[c] / den[c] : profiles[covering].target[c]
            }
        }
        for c in 0..<controlCount {
            out[c] = PerfMath.gaussianSmooth(out[c], sigma: smoothingSigma * rate)
        }
        if let loudness {
            var loud = (0..<count).map { loudness.value(at: Double($0) / rate + lead) }
            loud = PerfMath.gaussianSmooth(loud, sigma: 0.02 * rate)
            let jaw = Control.jawOpen.rawValue
            for k in 0..<count { out[jaw][k] *= loudnessFactor(loud[k]) }
        }
        enforceContacts(&out, prosody, count: count, rate: rate, lead: lead)
        for c in 0..<controlCount {
            for k in 0..<count { out[c][k] = min(1, max(0, out[c][k])) }
        }
        return out
    }

    /// Jaw scale for a loudness 0…1: 0.3 + 0.95·L over the speech range, falling to 0.1 in near-silence so the
    /// mouth closes where the audio is silent even if the timeline says otherwise. The wide range makes the
    /// opening follow the loudness (acoustic energy is mostly jaw opening); measured with `facecast qa` on the
    /// eight test portraits, 0.55 + 0.65·L left sync strength near 0.55, this range lifts it by about 0.08.
    static func loudnessFactor(_ loudness: Double) -> Double {
        let l = min(1, max(0, loudness))
        let knee = 0.1, atKnee = 0.3 + 0.95 * knee
        return l >= knee ? 0.3 + 0.95 * l : 0.1 + (atKnee - 0.1) * l / knee
    }

    /// The interval (mouth time) over which a contact segment must hold its shape: the segment
    /// shifted by the lead, stretched a little past its own sound-time centre (so the closure is
    /// there whether the sound or the picture is taken as the reference), and at least 40 ms long.
    static func holdInterval(_ s: Prosody.Segment, lead: Double) -> (start: Double, end: Double) {
        var a = s.start - lead
        var b = max(s.end - lead, s.center + 0.015)
        if b - a < 0.04 {
            let mid = (a + b) / 2
            a = mid - 0.02
            b = mid + 0.02
        }
        return (a, b)
    }

    /// Lips closed for PP, lower lip on the teeth for FF, whatever the smoothing did.
    private static func enforceContacts(_ out: inout [[Double]], _ prosody: Prosody, count: Int, rate: Double,
                                        lead: Double) {
        let jaw = Control.jawOpen.rawValue, press = Control.lipPress.rawValue
        let tuck = Control.lowerLipTuck.rawValue, tongue = Control.tongueUp.rawValue
        let raise = Control.upperLipRaise.rawValue
        var pp = [Double](repeating: 0, count: count)
        var ff = [Double](repeating: 0, count: count)
        for s in prosody.segments where s.viseme == .PP || s.viseme == .FF {
            let (a, b) = holdInterval(s, lead: lead)
            let k0 = max(0, Int(((a - closureRamp) * rate).rounded(.down)))
            let k1 = min(count - 1, Int(((b + closureRamp) * rate).rounded(.up)))
            guard k0 <= k1 else { continue }
            for k in k0...k1 {
                let w = PerfMath.plateau(Double(k) / rate, a - closureRamp, a, b, b + closureRamp)
                if s.viseme == .PP { pp[k] = max(pp[k], w) } else { ff[k] = max(ff[k], w) }
            }
        }
        for k in 0..<count {
            let w = pp[k]
            if w > 0 {
                out[press][k] = max(out[press][k], w)
                out[jaw][k] -= w * max(0, out[jaw][k] - 0.02)
                out[tuck][k] *= 1 - w
                out[tongue][k] *= 1 - w
                out[raise][k] *= 1 - w
            }
            let f = ff[k]
            if f > 0 {
                out[tuck][k] = max(out[tuck][k], 0.95 * f)
                out[jaw][k] -= f * max(0, out[jaw][k] - 0.12)
                out[press][k] *= 1 - f * (1 - w)
            }
        }
    }
}
