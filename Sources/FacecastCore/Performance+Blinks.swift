import RealModule

extension Performance {
    /// Refractory gap between blink starts, seconds (shortened when the rate asks for more).
    static let blinkRefractory = 1.6
    /// How far a blink may move to land on a phrase or word boundary, seconds.
    static let blinkSnapWindow = 0.7

    /// Blinks as a renewal process: refractory gap + a gamma-distributed wait (shape 3: irregular like real
    /// blinking, but regular enough that a 15-second clip gets its share), so the mean interval is 60 / blinkRate. Each planned blink moves to a nearby pause (preferred) or word boundary when
    /// one lies within `blinkSnapWindow`. Durations are log-normal around 250 ms (a full close and reopen), clamped 140–400 ms, so a 25 fps video has
    /// at least two frames with the lids well closed.
    static func scheduleBlinks(_ prosody: Prosody, seed: UInt64, style: PerformanceStyle) -> [Blink] {
        guard style.blinkRate > 0, prosody.duration > 0.4 else { return [] }
        var rng = PerfMath.stream(seed, 1)
        let mean = 60 / style.blinkRate
        let gap = min(blinkRefractory, 0.5 * mean)

        // Boundaries where a blink looks natural: just after speech stops (weight 1), between
        // words (weight 0.5). Distances are divided by the weight, so pauses win.
        var boundaries: [(time: Double, weight: Double)] = []
        for p in prosody.pauses where p.start > 0.05 && p.duration >= Prosody.minPause {
            boundaries.append((p.start + 0.06, 1))
        }
        for w in prosody.wordBoundaries { boundaries.append((w - 0.05, 0.5)) }
        boundaries.sort { $0.time < $1.time }

        var blinks: [Blink] = []
        var planned = -PerfMath.uniform(&rng, 0, mean - gap)  // phase of the process at t = 0
        while true {
            var wait = 0.0
            for _ in 0..<3 { wait -= (mean - gap) / 3 * Double.log(max(1e-12, 1 - rng.unit())) }
            planned += gap + wait
            let snapRoll = rng.unit()
            let length = min(0.4, max(0.14, 0.25 * Double.exp(0.22 * PerfMath.normal(&rng))))
            let earliest = max(0.05, (blinks.last?.start ?? -Double.infinity) + gap)
            var start = max(planned, earliest)
            if snapRoll < 0.85 {
                var best: (score: Double, time: Double)? = nil
                for b in boundaries where abs(b.time - planned) <= blinkSnapWindow && b.time >= earliest {
                    let score = abs(b.time - planned) / b.weight
                    if best == nil || score < best!.score { best = (score, b.time) }
                }
                if let best { start = best.time }
            }
            guard start + length < prosody.duration - 0.02 else { break }
            blinks.append(Blink(start: start, duration: length))
            planned = start
        }
        return blinks
    }
}
