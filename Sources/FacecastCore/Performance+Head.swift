import RealModule

extension Performance {
    /// Head angle bounds at headMotion = 1, degrees.
    static let yawLimit = 8.0, pitchLimit = 6.0, rollLimit = 4.0

    /// Head, brows, gaze, breath and smile curves sampled at `rate`.
    ///
    /// - Head: a slow drift (three seeded sinusoids per axis, 0.04–0.3 Hz) that settles towards
    ///   neutral in pauses; a pitch nod on most accented syllables; a small lowering at phrase ends;
    ///   a slight lift with each breath. Angles are soft-limited to ±8° yaw, ±6° pitch, ±4° roll
    ///   (times headMotion, capped at 1.5×).
    /// - Brows rise on emphasised syllables (stressed and long, or the first accent of a sentence).
    /// - Breath: an inhale during every pause of 300 ms or more that is followed by speech.
    /// - Gaze: at camera, with brief seeded aversions (held 0.35–0.8 s) at some sentence starts.
    static func nonVerbalCurves(_ prosody: Prosody, count: Int, rate: Double, seed: UInt64,
                                style: PerformanceStyle) -> [(Channel, [Double])] {
        let hm = style.headMotion, ex = style.expressiveness
        let zeros = [Double](repeating: 0, count: count)
        let activity = PerfMath.gaussianSmooth(prosody.activity(count: count, rate: rate), sigma: 0.15 * rate)

        // Slow drift, calmer in pauses.
        var driftRng = PerfMath.stream(seed, 2)
        func drift(_ amplitude: Double) -> [Double] {
            let bands: [(lo: Double, hi: Double, weight: Double)] = [(0.04, 0.10, 0.55), (0.10, 0.18, 0.30),
                                                                     (0.18, 0.30, 0.15)]
            let waves = bands.map { b in
                (f: PerfMath.uniform(&driftRng, b.lo, b.hi), phase: PerfMath.uniform(&driftRng, 0, 2 * .pi),
                 a: b.weight * amplitude)
            }
            return (0..<count).map { k in
                let t = Double(k) / rate
                return waves.reduce(0) { $0 + $1.a * Double.sin(2 * .pi * $1.f * t + $1.phase) }
            }
        }
        // In pauses the head nearly holds still (a listener's stillness; qa measures jitter there).
        let settle = activity.map { 0.3 + 0.7 * $0 }
        var yaw = zip(drift(3.5 * hm), settle).map { $0 * $1 }
        var pitch = zip(drift(1.8 * hm), settle).map { $0 * $1 }
        var roll = zip(drift(1.5 * hm), settle).map { $0 * $1 }
        var shiftX = zip(drift(0.03 * hm), settle).map { $0 * $1 }
        var shiftY = zip(drift(0.015 * hm), settle).map { $0 * $1 }
        let smileDrift = drift(1)

        // Nods on accents.
        var nodRng = PerfMath.stream(seed, 3)
        var lastNod = -Double.infinity
        for a in prosody.accents {
            let chance = nodRng.unit(), size = nodRng.unit()
            guard a.marked || (chance < 0.8 && a.time - lastNod >= 0.45) else { continue }
            lastNod = a.time
            let amp = (1.5 + 1.0 * size) * (a.marked ? 1.5 : a.emphasised ? 1.15 : 1) * ex * hm
            addBump(&pitch, amp, a.time - 0.08, a.time + 0.07, a.time + 0.10, a.time + 0.30, rate)
        }

        // Phrase-final settle: the head lowers a little as a phrase ends, then recovers.
        // After the last phrase the head stays down and still to the end of the video.
        for p in prosody.phrases where p.duration > 0.5 {
            let last = p.end + 0.6 >= prosody.duration
            addBump(&pitch, 0.8 * hm, p.end - 0.35, p.end - 0.05, last ? prosody.duration + 1 : p.end + 0.15,
                    last ? prosody.duration + 2 : p.end + 0.6, rate)
        }

        // Breathing at pauses.
        var breath = zeros
        for p in prosody.pauses where p.duration >= 0.3 && p.end < prosody.duration - 0.05 {
            let amp = 0.3 + 0.5 * min(1, (p.duration - 0.3) / 0.7)
            let b = max(p.start + 0.25, p.end - 0.1)
            let c = max(b, p.end - 0.05)
            addBump(&breath, amp, p.start + 0.05, b, c, p.end + 0.35, rate)
        }
        for k in 0..<count {
            pitch[k] -= 0.3 * hm * breath[k]
            shiftY[k] -= 0.008 * hm * breath[k]
        }

        // Brows on emphasis.
        var brow = zeros
        var browRng = PerfMath.stream(seed, 4)
        var lastBrow = -Double.infinity
        for a in prosody.accents where a.emphasised {
            let chance = browRng.unit(), size = browRng.unit()
            guard a.marked || (chance < 0.85 && a.time - lastBrow >= 0.9) else { continue }
            lastBrow = a.time
            addBump(&brow, (a.marked ? 0.55 + 0.15 * size : 0.25 + 0.2 * size) * ex, a.time - 0.1, a.time + 0.05, a.time + 0.2, a.time + 0.5, rate)
        }

        // Gaze aversions at sentence starts.
        var gazeX = zeros, gazeY = zeros
        var gazeRng = PerfMath.stream(seed, 5)
        var lastGazeEnd = -Double.infinity
        for s in prosody.sentenceStarts {
            let chance = gazeRng.unit()
            let side = gazeRng.unit() < 0.5 ? -1.0 : 1.0
            // Sideways 0.3–0.55 moves a centred iris ~0.08–0.12 eye widths (roughly 10–20°; see
            // FaceRenderer+Gaze), a little up or down with it.
            let x = side * PerfMath.uniform(&gazeRng, 0.3, 0.55)
            let y = PerfMath.uniform(&gazeRng, -0.3, 0.15)
            let hold = PerfMath.uniform(&gazeRng, 0.35, 0.8)
            let start = max(0, s - 0.15)
            guard chance < 0.45, start > lastGazeEnd + 0.5 else { continue }
            lastGazeEnd = start + hold + 0.07
            addBump(&gazeX, x, start, start + 0.05, start + hold, start + hold + 0.07, rate)
            addBump(&gazeY, y, start, start + 0.05, start + hold, start + hold + 0.07, rate)
        }

        let scale = min(hm, 1.5)
        for k in 0..<count {
            yaw[k] = PerfMath.softLimit(yaw[k], yawLimit * scale)
            pitch[k] = PerfMath.softLimit(pitch[k], pitchLimit * scale)
            roll[k] = PerfMath.softLimit(roll[k], rollLimit * scale)
            shiftX[k] = PerfMath.softLimit(shiftX[k], 0.1 * scale)
            shiftY[k] = PerfMath.softLimit(shiftY[k], 0.1 * scale)
            brow[k] = min(1, max(-0.3, brow[k]))
            gazeX[k] = min(1, max(-1, gazeX[k]))
            gazeY[k] = min(1, max(-1, gazeY[k]))
            breath[k] = min(1, max(0, breath[k]))
        }
        let smile = smileDrift.map { min(1, max(0, style.smile * (1 + 0.2 * ex * $0))) }
        let squint = smile.map { 0.3 * $0 }

        // The photo's own mouth while speaking; in pauses of a third of a second or more the lips relax half-way to shut.
        var photoMouth = [Double](repeating: 1, count: count)
        for p in prosody.pauses where p.duration >= 0.3 {
            let mid = (p.start + p.end) / 2
            // Leading and trailing silence: shut from the first frame, and to the last.
            let (a, b) = p.start <= 0.01 ? (-2.0, -1.0) : (p.start + 0.04, min(p.start + 0.3, mid))
            let (c, d) = p.end >= prosody.duration - 0.01 ? (prosody.duration + 1, prosody.duration + 2)
                : (max(p.end - 0.2, mid), p.end - 0.02)
            addBump(&photoMouth, -0.5, a, b, c, d, rate)
        }
        photoMouth = photoMouth.map { min(1, max(0, $0)) }

        return [
            (.photoMouth, photoMouth), (.headYaw, yaw), (.headPitch, pitch), (.headRoll, roll), (.headShiftX, shiftX), (.headShiftY, shiftY),
            (.breath, breath), (.browRaise, brow), (.browFurrow, zeros), (.gazeX, gazeX), (.gazeY, gazeY),
            (.smile, smile), (.squint, squint),
        ]
    }

    /// Adds amp × plateau(a, b, c, d) to the curve over the samples it touches.
    static func addBump(_ curve: inout [Double], _ amp: Double, _ a: Double, _ b: Double, _ c: Double,
                        _ d: Double, _ rate: Double) {
        guard amp != 0, !curve.isEmpty else { return }
        let k0 = max(0, Int((a * rate).rounded(.down)))
        let k1 = min(curve.count - 1, Int((d * rate).rounded(.up)))
        guard k0 <= k1 else { return }
        for k in k0...k1 { curve[k] += amp * PerfMath.plateau(Double(k) / rate, a, b, c, d) }
    }
}
