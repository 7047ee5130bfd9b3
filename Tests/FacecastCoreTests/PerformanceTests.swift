import Foundation
import Testing
@testable import FacecastCore

/// Synthetic speech for the performance tests.
private enum Speech {
    static let consonants = ["p", "b", "m", "f", "v", "θ", "ð", "t", "d", "k", "ɡ", "tʃ", "dʒ", "ʃ", "s", "z",
                             "n", "l", "ɹ", "w", "j", "h", "ŋ"]
    static let vowels = ["æ", "ɑː", "aɪ", "aʊ", "eɪ", "ɛ", "ə", "ɪ", "iː", "oʊ", "ɔː", "uː", "ʊ", "ʌ", "ɜː"]

    static func phone(_ ipa: String, _ start: Double, _ end: Double) -> PhoneSegment {
        PhoneSegment(start: start, end: end, phone: ipa, viseme: VisemeMapping.viseme(forIPA: ipa),
                     stressed: VisemeMapping.isStressed(ipa))
    }

    /// Phones back to back from t = lead-in; "_" is a pause. One word per call.
    static func timeline(_ spec: [(String, Double)], leadIn: Double = 0.3, tail: Double = 0.3) -> SpeechTimeline {
        var t = leadIn
        var phones: [PhoneSegment] = []
        for (ipa, d) in spec {
            phones.append(phone(ipa == "_" ? "" : ipa, t, t + d))
            t += d
        }
        return SpeechTimeline(duration: t + tail, phones: phones,
                              words: [WordSegment(start: leadIn, end: t, text: "word")])
    }

    /// Random talk: words of 1–3 CV(C) syllables, short word gaps, a pause every few words.
    static func random(_ rng: inout SeededRandom, duration: Double) -> SpeechTimeline {
        var phones: [PhoneSegment] = []
        var words: [WordSegment] = []
        var t = 0.2 + 0.5 * rng.unit()
        var wordsUntilPause = 3 + Int(rng.unit() * 6)
        func pick(_ xs: [String], _ rng: inout SeededRandom) -> String { xs[Int(rng.unit() * Double(xs.count))] }
        while t < duration - 1.5 {
            let wordStart = t
            let syllables = 1 + Int(rng.unit() * 3)
            for s in 0..<syllables {
                if rng.unit() < 0.8 {
                    let d = 0.05 + 0.07 * rng.unit()
                    phones.append(phone(pick(consonants, &rng), t, t + d)); t += d
                }
                let stress = s == 0 && rng.unit() < 0.6 ? "ˈ" : ""
                let d = 0.07 + 0.15 * rng.unit()
                phones.append(phone(stress + pick(vowels, &rng), t, t + d)); t += d
                if rng.unit() < 0.4 {
                    let d = 0.05 + 0.07 * rng.unit()
                    phones.append(phone(pick(consonants, &rng), t, t + d)); t += d
                }
            }
            words.append(WordSegment(start: wordStart, end: t, text: "w\(words.count)"))
            wordsUntilPause -= 1
            if wordsUntilPause == 0 {
                let d = 0.25 + 0.65 * rng.unit()
                if rng.unit() < 0.5 { phones.append(phone("", t, t + d)) }  // explicit pause, else a gap
                t += d
                wordsUntilPause = 3 + Int(rng.unit() * 6)
            } else {
                t += 0.06 * rng.unit()
            }
        }
        return SpeechTimeline(duration: duration, phones: phones, words: words)
    }

    /// Audio that is loud on vowels, quiet on consonants, silent in pauses; 8 kHz.
    static func audio(for timeline: SpeechTimeline, sampleRate: Int = 8000, amplitude: (Double) -> Double = { _ in 1 })
        -> [Float]
    {
        let n = Int(timeline.duration * Double(sampleRate))
        var out = [Float](repeating: 0, count: n)
        for p in timeline.phones where p.viseme != .silence {
            let level = VisemeMapping.isVowel(p.viseme) ? 0.5 : 0.08
            let a = max(0, Int(p.start * Double(sampleRate))), b = min(n, Int(p.end * Double(sampleRate)))
            guard a < b else { continue }
            for i in a..<b {
                let t = Double(i) / Double(sampleRate)
                out[i] = Float(level * amplitude(t) * sin(2 * .pi * 180 * t))
            }
        }
        return out
    }
}

private func pearson(_ x: [Double], _ y: [Double]) -> Double {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for (a, b) in zip(x, y) {
        sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my)
    }
    return sxy / max(1e-12, (sxx * syy).squareRoot())
}

@Suite struct PerformanceTests {
    // MARK: Ranges

    @Test func allParamsFiniteAndInDocumentedRanges() {
        var rng = SeededRandom(seed: 7)
        for trial in 0..<12 {
            let timeline = Speech.random(&rng, duration: 8 + 8 * rng.unit())
            var style = PerformanceStyle()
            style.headMotion = 2 * rng.unit()
            style.expressiveness = 2 * rng.unit()
            style.smile = rng.unit()
            style.blinkRate = 10 + 20 * rng.unit()
            style.mouthLead = 0.08 * rng.unit()
            let loud = trial % 2 == 0 ? LoudnessEnvelope(samples: Speech.audio(for: timeline), sampleRate: 8000) : nil
            let perf = Performance(timeline: timeline, loudness: loud, seed: rng.next(), style: style)
            let bound = min(style.headMotion, 1.5)
            var t = -0.5
            while t < timeline.duration + 0.5 {
                let p = perf.params(at: t)
                let unit = [p.jawOpen, p.lipsWide, p.lipsRound, p.lipPress, p.upperLipRaise, p.lowerLipTuck,
                            p.tongueUp, p.smile, p.photoMouth, p.blinkL, p.blinkR, p.squint, p.browFurrow, p.breath]
                for v in unit { #expect(v.isFinite && v >= 0 && v <= 1, "t=\(t) \(p)") }
                #expect(p.browRaise >= -0.3 && p.browRaise <= 1)
                #expect(abs(p.gazeX) <= 1 && abs(p.gazeY) <= 1)
                #expect(abs(p.headYaw) <= 8 * bound + 1e-9)
                #expect(abs(p.headPitch) <= 6 * bound + 1e-9)
                #expect(abs(p.headRoll) <= 4 * bound + 1e-9)
                #expect(abs(p.headShiftX) <= 0.1 && abs(p.headShiftY) <= 0.1)
                #expect(p.blinkL == p.blinkR)
                t += 0.013
            }
        }
    }

    @Test func headStaysWithinDefaultBoundsAndStillsWithoutHeadMotion() {
        var rng = SeededRandom(seed: 11)
        let timeline = Speech.random(&rng, duration: 30)
        var maxYaw = 0.0, maxPitch = 0.0, maxRoll = 0.0
        for seed in 0..<8 as Range<UInt64> {
            let perf = Performance(timeline: timeline, seed: seed)
            for k in 0..<750 {
                let p = perf.params(at: Double(k) / 25)
                maxYaw = max(maxYaw, abs(p.headYaw)); maxPitch = max(maxPitch, abs(p.headPitch))
                maxRoll = max(maxRoll, abs(p.headRoll))
            }
        }
        #expect(maxYaw <= 8 && maxPitch <= 6 && maxRoll <= 4)
        #expect(maxYaw > 0.5 && maxPitch > 0.5 && maxRoll > 0.2, "the head should move at all")

        var still = PerformanceStyle()
        still.headMotion = 0
        let perf = Performance(timeline: timeline, seed: 3, style: still)
        for k in 0..<300 {
            let p = perf.params(at: Double(k) / 10)
            #expect(p.headYaw == 0 && p.headPitch == 0 && p.headRoll == 0)
        }
    }

    // MARK: Mouth

    @Test(arguments: [0.0, 0.03, 0.08])
    func shortBilabialBetweenOpenVowelsCloses(lead: Double) {
        var style = PerformanceStyle()
        style.mouthLead = lead
        for (c, d) in [("p", 0.05), ("b", 0.05), ("m", 0.05), ("m", 0.04), ("p", 0.12)] {
            let timeline = Speech.timeline([("ɑː", 0.3), (c, d), ("ɑː", 0.3)])
            let pp = timeline.phones[1]
            for loud in [nil, LoudnessEnvelope(samples: Speech.audio(for: timeline), sampleRate: 8000)] {
                let perf = Performance(timeline: timeline, loudness: loud, seed: 1, style: style)
                for t in [pp.center, pp.center - lead] {
                    let p = perf.params(at: t)
                    #expect(p.lipPress >= 0.9, "\(c) \(d) lead \(lead) at \(t): \(p.lipPress)")
                    #expect(p.jawOpen <= 0.05, "\(c) \(d) lead \(lead) at \(t): jaw \(p.jawOpen)")
                }
                // The vowels around it really open.
                #expect(perf.params(at: timeline.phones[0].center - lead).jawOpen > 0.5)
                #expect(perf.params(at: timeline.phones[2].center - lead).jawOpen > 0.5)
            }
        }
    }

    @Test func everyBilabialClosesInRandomSpeech() {
        var rng = SeededRandom(seed: 5)
        var checked = 0
        for _ in 0..<6 {
            let timeline = Speech.random(&rng, duration: 12)
            let loud = LoudnessEnvelope(samples: Speech.audio(for: timeline), sampleRate: 8000)
            let perf = Performance(timeline: timeline, loudness: loud, seed: rng.next())
            for p in timeline.phones where p.viseme == .PP {
                #expect(perf.params(at: p.center).lipPress >= 0.9, "\(p)")
                checked += 1
            }
            for p in timeline.phones where p.viseme == .FF {
                #expect(perf.params(at: p.center).lowerLipTuck >= 0.9, "\(p)")
            }
        }
        #expect(checked > 20)
    }

    @Test func labiodentalTucksTheLowerLip() {
        let timeline = Speech.timeline([("æ", 0.25), ("f", 0.06), ("iː", 0.25)])
        let perf = Performance(timeline: timeline, seed: 2)
        let p = perf.params(at: timeline.phones[1].center)
        #expect(p.lowerLipTuck >= 0.9)
        #expect(p.jawOpen <= 0.15)
        #expect(p.lipPress < 0.3)
    }

    @Test func longVowelsReachTheirShapes() {
        let timeline = Speech.timeline([("ɑː", 0.4), ("_", 0.4), ("iː", 0.4), ("_", 0.4), ("uː", 0.4),
                                        ("_", 0.4), ("ɛ", 0.4), ("_", 0.4), ("oʊ", 0.4)])
        var style = PerformanceStyle()
        style.mouthLead = 0
        let perf = Performance(timeline: timeline, seed: 4, style: style)
        let ph = timeline.phones
        let a = perf.params(at: ph[0].center), i = perf.params(at: ph[2].center)
        let u = perf.params(at: ph[4].center), e = perf.params(at: ph[6].center), o = perf.params(at: ph[8].center)
        #expect(abs(a.jawOpen - 0.8) < 0.1)
        #expect(i.lipsWide > 0.6 && i.jawOpen < 0.3)
        #expect(u.lipsRound > 0.85 && u.jawOpen < 0.3)
        #expect(abs(e.jawOpen - 0.45) < 0.1 && e.lipsWide > 0.4)
        #expect(o.lipsRound > 0.6 && abs(o.jawOpen - 0.5) < 0.1)
        #expect(a.jawOpen > e.jawOpen && e.jawOpen > i.jawOpen)
    }

    @Test func mouthLeadsTheSound() {
        let timeline = Speech.timeline([("ɑː", 0.5)], leadIn: 1, tail: 1)
        var style = PerformanceStyle()
        style.mouthLead = 0.05
        let led = Performance(timeline: timeline, seed: 1, style: style)
        style.mouthLead = 0
        let plain = Performance(timeline: timeline, seed: 1, style: style)
        for t in stride(from: 0.8, through: 1.7, by: 0.01) {
            #expect(abs(led.params(at: t).jawOpen - plain.params(at: t + 0.05).jawOpen) < 0.02)
        }
    }

    @Test func mouthClosedInLongSilences() {
        var rng = SeededRandom(seed: 9)
        for _ in 0..<5 {
            let timeline = Speech.random(&rng, duration: 14)
            let loud = LoudnessEnvelope(samples: Speech.audio(for: timeline), sampleRate: 8000)
            let perfs = [Performance(timeline: timeline, seed: 1), Performance(timeline: timeline, loudness: loud, seed: 1)]
            for perf in perfs {
                // Silence = time not covered by a non-silent phone; check silences ≥ 0.6 s away from their edges.
                var edges = [0.0]
                for p in timeline.phones where p.viseme != .silence { edges += [p.start, p.end] }
                edges.append(timeline.duration)
                var checked = 0
                for j in stride(from: 0, to: edges.count - 1, by: 2) where edges[j + 1] - edges[j] >= 0.6 {
                    var t = edges[j] + 0.25
                    while t <= edges[j + 1] - 0.25 {
                        #expect(perf.params(at: t).jawOpen < 0.05, "t=\(t)")
                        t += 0.02; checked += 1
                    }
                }
                #expect(checked > 0)
            }
        }
    }

    @Test func photoMouthWhileSpeakingRelaxesInPauses() {
        // 0.5 s lead-in, 0.6 s of speech, a 1 s pause, 0.6 s of speech, 0.5 s tail.
        let spec: [(String, Double)] = [("ɑː", 0.3), ("t", 0.1), ("ɑː", 0.2), ("_", 1.0), ("ɑː", 0.3), ("n", 0.1), ("ɑː", 0.2)]
        let perf = Performance(timeline: Speech.timeline(spec, leadIn: 0.5, tail: 0.5), seed: 4)
        for t in stride(from: 0.0, through: 0.2, by: 0.05) { #expect(perf.params(at: t).photoMouth == 0.5, "t=\(t)") }
        for t in stride(from: 0.55, through: 1.05, by: 0.05) { #expect(perf.params(at: t).photoMouth == 1, "t=\(t)") }
        for t in stride(from: 1.45, through: 1.85, by: 0.05) { #expect(perf.params(at: t).photoMouth == 0.5, "t=\(t)") }
        for t in stride(from: 2.15, through: 2.65, by: 0.05) { #expect(perf.params(at: t).photoMouth == 1, "t=\(t)") }
        for t in stride(from: 3.0, through: 3.2, by: 0.05) { #expect(perf.params(at: t).photoMouth == 0.5, "t=\(t)") }
        // Short gaps between words do not relax it.
        let running = Performance(timeline: Speech.timeline([("ɑː", 0.3), ("_", 0.2), ("ɑː", 0.3)], leadIn: 0.1, tail: 0.1), seed: 4)
        for t in stride(from: 0.1, through: 0.9, by: 0.02) { #expect(running.params(at: t).photoMouth == 1, "t=\(t)") }
    }

    // MARK: Loudness

    @Test func loudnessOfASineBurst() {
        let rate = 16000
        var samples = [Float](repeating: 0, count: 2 * rate)
        for i in rate / 2..<(3 * rate / 2) { samples[i] = Float(0.5 * sin(2 * Double.pi * 220 * Double(i) / Double(rate))) }
        let env = LoudnessEnvelope(samples: samples, sampleRate: rate)
        #expect(env.hop == 0.010)
        #expect(abs(env.values.count - 200) <= 1)
        for t in stride(from: 0.55, through: 1.45, by: 0.05) { #expect(env.value(at: t) > 0.9, "t=\(t)") }
        for t in [0.0, 0.2, 0.45, 1.55, 1.8, 1.99] { #expect(env.value(at: t) < 0.05, "t=\(t)") }
        for t in [-1.0, 2.5, .nan] { #expect(env.value(at: t) == 0) }
        #expect(env.values.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(LoudnessEnvelope(samples: [], sampleRate: rate).value(at: 0.5) == 0)
        let silent = LoudnessEnvelope(samples: [Float](repeating: 0, count: 800), sampleRate: rate)
        #expect(silent.values.allSatisfy { $0 == 0 })
    }

    @Test func loudnessNormalisationIgnoresLevel() {
        let rate = 8000
        let quiet = (0..<rate).map { Float(0.01 * sin(2 * Double.pi * 200 * Double($0) / Double(rate))) }
        let env = LoudnessEnvelope(samples: quiet, sampleRate: rate)
        #expect(env.value(at: 0.5) > 0.9)
    }

    @Test func jawFollowsLoudness() {
        var rng = SeededRandom(seed: 21)
        let timeline = Speech.random(&rng, duration: 20)
        // Loudness follows the phones and also swells slowly.
        let samples = Speech.audio(for: timeline) { 0.6 + 0.4 * sin(2 * Double.pi * 0.3 * $0) }
        let loud = LoudnessEnvelope(samples: samples, sampleRate: 8000)
        let perf = Performance(timeline: timeline, loudness: loud, seed: 1)
        let lead = PerformanceStyle.default.mouthLead
        let times = stride(from: 0.0, to: timeline.duration, by: 0.04).map { $0 }
        let jaw = times.map { perf.params(at: $0 - lead).jawOpen }
        let env = times.map { loud.value(at: $0) }
        #expect(pearson(jaw, env) > 0.5)

        // Same speech, louder audio → wider jaw.
        let soft = LoudnessEnvelope(hop: 0.01, values: loud.values.map { $0 * 0.2 })
        let quietPerf = Performance(timeline: timeline, loudness: soft, seed: 1)
        let loudJaw = jaw.reduce(0, +)
        let softJaw = times.map { quietPerf.params(at: $0 - lead).jawOpen }.reduce(0, +)
        #expect(loudJaw > 1.2 * softJaw)
    }

    @Test func silentAudioClosesTheMouthEvenIfTheTimelineTalks() {
        // The timeline claims one long vowel; the audio is silent in its middle second.
        let timeline = Speech.timeline([("ɑː", 2.0)])
        var samples = Speech.audio(for: timeline)
        for i in Int(1.0 * 8000)..<Int(1.6 * 8000) { samples[i] = 0 }
        let loud = LoudnessEnvelope(samples: samples, sampleRate: 8000)
        let perf = Performance(timeline: timeline, loudness: loud, seed: 1)
        let lead = PerformanceStyle.default.mouthLead
        #expect(perf.params(at: 0.6 - lead).jawOpen > 0.6)
        #expect(perf.params(at: 1.3 - lead).jawOpen < 0.2)
    }

    // MARK: Blinks

    @Test func blinkRateAndDurationsOverAMinuteOfTalk() {
        var rng = SeededRandom(seed: 33)
        for _ in 0..<10 {
            let timeline = Speech.random(&rng, duration: 60)
            let perf = Performance(timeline: timeline, seed: rng.next())
            #expect((10...30).contains(perf.blinks.count), "\(perf.blinks.count) blinks")
            for (a, b) in zip(perf.blinks, perf.blinks.dropFirst()) {
                #expect(b.start - a.start >= 1.5 - 1e-9)
                #expect(b.start >= a.end)
            }
            for b in perf.blinks {
                #expect(b.duration >= 0.14 && b.duration <= 0.4)
                #expect(b.start >= 0 && b.end <= timeline.duration)
                let p = perf.params(at: b.start + 0.35 * b.duration)
                #expect(p.blinkL > 0.99 && p.blinkL == p.blinkR)
                #expect(perf.params(at: b.start - 0.01).blinkL == 0)
            }
            let durations = perf.blinks.map(\.duration).sorted()
            let median = durations[durations.count / 2]
            #expect(median >= 0.2 && median <= 0.3)
        }
    }

    /// A qa run measures blinks on clips of 10–20 s: the schedule must hit 10–30/min there too, and every blink
    /// must have a fully closed frame at 25 fps, or the measurement cannot see it.
    @Test func shortClipsGetTheirShareOfBlinksEachWithAClosedFrame() {
        var rng = SeededRandom(seed: 77)
        var inRange = 0
        for _ in 0..<100 {
            let timeline = Speech.random(&rng, duration: 13)
            let perf = Performance(timeline: timeline, seed: rng.next())
            let perMinute = Double(perf.blinks.count) * 60 / timeline.duration
            if perMinute >= 10 && perMinute <= 30 { inRange += 1 }
            for b in perf.blinks {
                let frames = Int((b.start * 25).rounded(.up))...Int((b.end * 25).rounded(.down))
                #expect(frames.contains { perf.params(at: Double($0) / 25).blinkL == 1 }, "blink at \(b.start)")
            }
        }
        #expect(inRange >= 95, "\(inRange) of 100 clips had 10–30 blinks per minute")
    }

    @Test func blinkRateFollowsStyle() {
        var rng = SeededRandom(seed: 8)
        let timeline = Speech.random(&rng, duration: 60)
        var style = PerformanceStyle()
        style.blinkRate = 0
        #expect(Performance(timeline: timeline, seed: 1, style: style).blinks.isEmpty)
        style.blinkRate = 10
        let few = Performance(timeline: timeline, seed: 1, style: style).blinks.count
        style.blinkRate = 28
        let many = Performance(timeline: timeline, seed: 1, style: style).blinks.count
        #expect(few < many)
        #expect((5...16).contains(few) && (20...36).contains(many), "\(few) \(many)")
    }

    @Test func blinksPreferPhraseAndWordBoundaries() {
        var rng = SeededRandom(seed: 17)
        let timeline = Speech.random(&rng, duration: 60)
        let perf = Performance(timeline: timeline, seed: 99)
        let bounds = timeline.words.map(\.end) + timeline.words.map(\.start)
        let atBoundary = perf.blinks.filter { b in bounds.contains { abs($0 - b.start) < 0.12 } }
        #expect(Double(atBoundary.count) >= 0.6 * Double(perf.blinks.count))
    }

    // MARK: Determinism and frames

    @Test func sameSeedSameParamsDifferentSeedDifferentBlinks() {
        var rng = SeededRandom(seed: 1234)
        let timeline = Speech.random(&rng, duration: 30)
        let loud = LoudnessEnvelope(samples: Speech.audio(for: timeline), sampleRate: 8000)
        let a = Performance(timeline: timeline, loudness: loud, seed: 42)
        let b = Performance(timeline: timeline, loudness: loud, seed: 42)
        let c = Performance(timeline: timeline, loudness: loud, seed: 43)
        #expect(a.blinks == b.blinks)
        #expect(a.blinks != c.blinks)
        var headDiffers = false
        for k in 0..<Performance.frameCount(duration: timeline.duration, fps: 25) {
            let t = Double(k) / 25
            #expect(a.params(at: t) == b.params(at: t))
            if a.params(at: t).headYaw != c.params(at: t).headYaw { headDiffers = true }
        }
        #expect(headDiffers)
    }

    @Test func paramsAreSafeFromManyThreads() async {
        var rng = SeededRandom(seed: 3)
        let perf = Performance(timeline: Speech.random(&rng, duration: 10), seed: 5)
        let serial = (0..<250).map { perf.params(at: Double($0) / 25) }
        let parallel = await withTaskGroup(of: (Int, RigParams).self) { group in
            for k in 0..<250 { group.addTask { (k, perf.params(at: Double(k) / 25)) } }
            var out = [RigParams](repeating: .neutral, count: 250)
            for await (k, p) in group { out[k] = p }
            return out
        }
        #expect(serial == parallel)
    }

    @Test func frameCountRoundsDurationTimesFps() {
        #expect(Performance.frameCount(duration: 10, fps: 25) == 250)
        #expect(Performance.frameCount(duration: 1.01, fps: 25) == 25)
        #expect(Performance.frameCount(duration: 1.03, fps: 25) == 26)
        #expect(Performance.frameCount(duration: 0, fps: 25) == 1)
        #expect(Performance.frameCount(duration: 0.001, fps: 25) == 1)
        #expect(Performance.frameCount(duration: .nan, fps: 25) == 1)
        var rng = SeededRandom(seed: 77)
        for _ in 0..<200 {
            let d = 120 * rng.unit(), fps = [24, 25, 29.97, 30, 50, 60][Int(rng.unit() * 6)]
            #expect(Performance.frameCount(duration: d, fps: fps) == max(1, Int((d * fps).rounded())))
        }
    }

    // MARK: Non-verbal behaviour

    @Test func stressNodsAndEmphasisRaisesBrows() {
        // Short vowels only, so the unstressed copy has no accents at all.
        var spec: [(String, Double)] = []
        for _ in 0..<6 { spec += [("t", 0.06), ("ˈæ", 0.12), ("k", 0.06), ("ə", 0.08), ("_", 0.5)] }
        let stressed = Speech.timeline(spec)
        var plain = stressed
        for i in plain.phones.indices { plain.phones[i].stressed = false }
        let a = Performance(timeline: stressed, seed: 6), b = Performance(timeline: plain, seed: 6)
        var maxNod = 0.0, maxBrow = 0.0, plainBrow = 0.0
        for k in 0..<Int(stressed.duration * 100) {
            let t = Double(k) / 100
            maxNod = max(maxNod, a.params(at: t).headPitch - b.params(at: t).headPitch)
            maxBrow = max(maxBrow, a.params(at: t).browRaise)
            plainBrow = max(plainBrow, abs(b.params(at: t).browRaise))
        }
        #expect(maxNod >= 1.5 && maxNod <= 4)
        #expect(maxBrow >= 0.2)
        #expect(plainBrow == 0)
    }

    @Test func gazeIsAtCameraWithBriefAversionsAtSentenceStarts() {
        var rng = SeededRandom(seed: 41)
        var aversions = 0, sides = Set<Bool>()
        for trial in 0..<6 {
            let timeline = Speech.random(&rng, duration: 30)
            let starts = Prosody(timeline).sentenceStarts
            let perf = Performance(timeline: timeline, seed: UInt64(trial))
            var atCamera = 0, samples = 0
            // Runs of samples looking away: (first, last, peak x, peak y).
            var runs: [(first: Double, last: Double, x: Double, y: Double)] = []
            var open = false
            for k in 0...Int(timeline.duration * 100) {
                let t = Double(k) / 100
                let p = perf.params(at: t)
                samples += 1
                guard p.gazeX != 0 || p.gazeY != 0 else {
                    atCamera += 1
                    open = false
                    continue
                }
                if !open { runs.append((t, t, 0, 0)) }
                open = true
                runs[runs.count - 1].last = t
                if abs(p.gazeX) > abs(runs[runs.count - 1].x) { runs[runs.count - 1].x = p.gazeX }
                if abs(p.gazeY) > abs(runs[runs.count - 1].y) { runs[runs.count - 1].y = p.gazeY }
            }
            #expect(Double(atCamera) > 0.75 * Double(samples), "trial \(trial): at camera \(atCamera) of \(samples)")
            for r in runs {
                #expect(starts.contains { r.first >= $0 - 0.16 && r.first <= $0 }, "aversion at \(r.first) s")
                #expect(r.last - r.first <= 0.9)
                #expect(abs(r.x) >= 0.3 - 1e-9 && abs(r.x) <= 0.55 + 1e-9 && r.y >= -0.3 && r.y <= 0.15)
                sides.insert(r.x > 0)
            }
            #expect(runs.count < starts.count)  // some sentences start at the camera
            aversions += runs.count
        }
        #expect(aversions >= 6)
        #expect(sides.count == 2)  // both ways
    }

    @Test func breathesInPausesOnly() {
        let paused = Speech.timeline([("ɑː", 0.3), ("_", 0.8), ("ɑː", 0.3)], leadIn: 0.1, tail: 0.1)
        let perf = Performance(timeline: paused, seed: 1)
        let peak = stride(from: 0.4, through: 1.3, by: 0.01).map { perf.params(at: $0).breath }.max()!
        #expect(peak > 0.3)
        let running = Speech.timeline([("ɑː", 0.3), ("m", 0.1), ("ɑː", 0.3)], leadIn: 0.1, tail: 0.1)
        let still = Performance(timeline: running, seed: 1)
        #expect(stride(from: 0.0, through: 0.8, by: 0.01).allSatisfy { still.params(at: $0).breath == 0 })
    }

    @Test func baselineSmileFromStyle() {
        var rng = SeededRandom(seed: 2)
        let timeline = Speech.random(&rng, duration: 10)
        var style = PerformanceStyle()
        style.smile = 0.5
        let perf = Performance(timeline: timeline, seed: 1, style: style)
        let smiles = (0..<100).map { perf.params(at: Double($0) / 10).smile }
        #expect(smiles.allSatisfy { $0 > 0.35 && $0 < 0.65 })
        #expect(Performance(timeline: timeline, seed: 1).params(at: 3).smile == 0)
    }

    @Test func emptyTimelineIsNeutralAndCalm() {
        let perf = Performance(timeline: SpeechTimeline(duration: 0, phones: [], words: []), seed: 1)
        let p = perf.params(at: 0)
        #expect(p.jawOpen == 0 && p.lipPress == 0 && p.blinkL == 0)
        #expect(perf.blinks.isEmpty)
    }

    @Test func malformedTimelinesStillGiveFiniteParams() {
        let phones = [
            Speech.phone("ɑː", 1.0, 1.4), Speech.phone("p", 0.5, 0.55), Speech.phone("iː", 1.2, 1.6),  // overlap
            Speech.phone("m", 2, 2), Speech.phone("uː", .nan, 3), Speech.phone("s", 3, .infinity),
            Speech.phone("ə", 2.5, 2.4),  // reversed
        ]
        let words = [WordSegment(start: 1, end: 1.6, text: "a"), WordSegment(start: 0.5, end: 0.55, text: "b")]
        let timeline = SpeechTimeline(duration: .nan, phones: phones, words: words)
        var style = PerformanceStyle()
        style.mouthLead = .nan
        style.headMotion = -3
        style.blinkRate = .infinity
        let perf = Performance(timeline: timeline, seed: 1, style: style)
        for t in stride(from: -1.0, through: 4, by: 0.01) {
            let p = perf.params(at: t)
            for v in [p.jawOpen, p.lipPress, p.headYaw, p.headPitch, p.blinkL, p.browRaise] { #expect(v.isFinite) }
        }
        #expect(perf.params(at: .nan).jawOpen.isFinite)
        #expect(perf.params(at: 0.525).lipPress >= 0.9)
    }

    @Test func styleDecodesWithMissingKeys() throws {
        let style = try JSONDecoder().decode(PerformanceStyle.self, from: Data(#"{"smile":0.4}"#.utf8))
        var expected = PerformanceStyle()
        expected.smile = 0.4
        #expect(style == expected)
        let round = try JSONDecoder().decode(PerformanceStyle.self, from: JSONEncoder().encode(expected))
        #expect(round == expected)
    }
}

extension PerformanceTests {
    /// An `<emphasis>` word gets a brow raise and a nod on it, over many random scripts.
    @Test func emphasisedWordsRaiseTheBrowsAndNod() {
        var rng = SeededRandom(seed: 77)
        var raised = 0, nodded = 0, trials = 0
        for _ in 0..<20 {
            var timeline = Speech.random(&rng, duration: 8)
            guard timeline.words.count > 6 else { continue }
            let k = 2 + Int(rng.unit() * Double(timeline.words.count - 4))
            let plain = Performance(timeline: timeline, seed: 5)
            timeline.words[k].emphasized = true
            let marked = Performance(timeline: timeline, seed: 5)
            let w = timeline.words[k]
            let times = stride(from: w.start - 0.1, through: w.end + 0.4, by: 0.02).map { $0 }
            let brow = times.map { marked.params(at: $0).browRaise }.max()!
            let browBefore = times.map { plain.params(at: $0).browRaise }.max()!
            let pitchDip = times.map { marked.params(at: $0).headPitch }.max()! - times.map { marked.params(at: $0).headPitch }.min()!
            trials += 1
            if brow >= 0.5 && brow > browBefore - 1e-9 { raised += 1 }
            if pitchDip >= 1.5 { nodded += 1 }
        }
        #expect(trials >= 15)
        #expect(raised == trials, "brow raise on \(raised) of \(trials) emphasised words")
        #expect(nodded >= trials - 1, "nod on \(nodded) of \(trials) emphasised words")
    }
}
