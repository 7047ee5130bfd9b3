import Testing
@testable import FacecastCore

/// The pure parts of the aligner: DTW, time warps, MFCCs, label parsing and scoring.
@Suite struct AlignmentCoreTests {
    /// A feature matrix from one value per frame (1-D), hop 10 ms.
    func matrix(_ v: [Float]) -> FeatureMatrix {
        FeatureMatrix(frameCount: v.count, dimension: 1, values: v, hop: 0.01, offset: 0)
    }

    @Test func dtwFollowsAKnownWarp() {
        // b is a with every third frame repeated: the path must map each a[i] onto its copies.
        let a: [Float] = (0..<60).map { Float($0 % 7) + Float($0 / 7) * 0.1 }
        var b: [Float] = [], source: [Int] = []
        for (i, x) in a.enumerated() { b.append(x); source.append(i); if i % 3 == 0 { b.append(x); source.append(i) } }
        let path = DTWPath.align(rows: matrix(a), columns: matrix(b), window: .band(rows: a.count, columns: b.count, radius: 30), stepPenalty: 0.1)
        #expect(path.steps.first == .init(row: 0, column: 0))
        #expect(path.steps.last == .init(row: a.count - 1, column: b.count - 1))
        for s in path.steps { #expect(source[s.column] == s.row, "step \(s)") }
        #expect(path.meanDistance < 1e-6)
    }

    @Test func multiscaleMatchesTheFullAlignmentOnLongSequences() {
        var rng = SeededRandom(seed: 7)
        // Smooth, speech-like variation (averaged frames at the coarse levels must still carry it), with detail.
        var walk: Float = 0
        let a: [Float] = (0..<2400).map { i in
            walk = 0.95 * walk + Float(rng.unit() - 0.5)
            return walk + 0.5 * Float(_sin(Double(i) * 0.07))
        }
        // b: a stretched by 1.3 with slow drift, plus noise.
        let b: [Float] = (0..<3120).map { j in a[min(a.count - 1, Int(Double(j) / 1.3))] + Float(rng.unit() - 0.5) * 0.05 }
        let fast = DTWPath.multiscale(rows: matrix(a), columns: matrix(b), stepPenalty: 0.05)
        var worst = 0.0
        for s in fast.steps { worst = max(worst, abs(Double(s.column) / 1.3 - Double(s.row))) }
        #expect(worst < 3, "the path stays within 3 frames of the true warp (worst \(worst))")
    }

    @Test func windowIsMonotoneAndConnected() {
        let w = DTWWindow.around(path: [.init(row: 0, column: 0), .init(row: 1, column: 3), .init(row: 2, column: 3), .init(row: 3, column: 9)],
                                 factor: 4, rows: 16, columns: 40, radius: 2)
        #expect(w.lower.first == 0 && w.upper.last == 39)
        for i in 1..<w.rows {
            #expect(w.lower[i] >= w.lower[i - 1] && w.upper[i] >= w.upper[i - 1])
            #expect(w.lower[i] <= w.upper[i - 1] + 1)
        }
    }

    @Test func timeWarpIsMonotoneAndKeepsPhonesContiguous() {
        let warp = TimeWarp(points: [(0, 0), (1, 2), (0.5, 0.4), (2, 2.5), (1.5, 2.1)])
        var previous = -Double.infinity
        for k in 0...40 {
            let y = warp(Double(k) * 0.05)
            #expect(y >= previous)
            previous = y
        }
        let timeline = SpeechTimeline(duration: 2, phones: [
            PhoneSegment(start: 0.2, end: 0.6, phone: "m", viseme: .PP), PhoneSegment(start: 0.6, end: 1.8, phone: "a", viseme: .aa),
        ], words: [WordSegment(start: 0.2, end: 1.8, text: "ma")])
        let moved = warp.apply(to: timeline, duration: 2.5)
        #expect(moved.phones.first?.viseme == .silence && moved.phones.first?.start == 0, "a silence fills the clip's start")
        for (p, q) in zip(moved.phones, moved.phones.dropFirst()) { #expect(p.end == q.start) }
        #expect(moved.phones.last?.end == 2.5)
        #expect(moved.words[0].start == warp(0.2))
    }

    /// A vowel-like signal: harmonics of `f0` shaped by two formants, at any sample rate.
    func vowel(f0: Double, formants: (Double, Double), seconds: Double, rate: Int) -> [Float] {
        let n = Int(seconds * Double(rate))
        return (0..<n).map { i in
            let t = Double(i) / Double(rate)
            var s = 0.0
            var h = f0
            while h < Double(rate) / 2 - 200 {
                let g = 1 / (1 + ((h - formants.0) / 120) * ((h - formants.0) / 120)) + 0.6 / (1 + ((h - formants.1) / 180) * ((h - formants.1) / 180))
                s += g * _sin(2 * Double.pi * h * t)
                h += f0
            }
            return Float(0.1 * s)
        }
    }

    @Test func mfccsDoNotDependOnTheSampleRate() {
        var mfcc = MFCC()
        mfcc.highHz = MFCC.commonHighHz(16_000, 48_000)
        let a = mfcc.analyse(AudioClip(samples: vowel(f0: 120, formants: (700, 1200), seconds: 0.5, rate: 16_000), sampleRate: 16_000)).features
        let b = mfcc.analyse(AudioClip(samples: vowel(f0: 120, formants: (700, 1200), seconds: 0.5, rate: 48_000), sampleRate: 48_000)).features
        let c = mfcc.analyse(AudioClip(samples: vowel(f0: 120, formants: (300, 2300), seconds: 0.5, rate: 16_000), sampleRate: 16_000)).features
        #expect(abs(a.frameCount - b.frameCount) <= 1)
        let i = a.frameCount / 2
        let same = DTWPath.distance(a, i, b, i), other = DTWPath.distance(a, i, c, i)
        #expect(same < other / 4, "same vowel at 16/48 kHz \(same), another vowel \(other)")
    }

    @Test func acousticVisemesFindVowelsClosuresAndSilence() {
        let rate = 16_000
        let open = vowel(f0: 110, formants: (800, 1300), seconds: 0.3, rate: rate)
        let close = vowel(f0: 110, formants: (280, 2300), seconds: 0.3, rate: rate)
        let gap = [Float](repeating: 0, count: rate / 10)  // 100 ms closure
        let pause = [Float](repeating: 0, count: rate / 2)
        var rng = SeededRandom(seed: 1)
        let hiss = (0..<(rate / 50)).map { _ in Float(rng.unit() - 0.5) * 1e-4 }  // a faint noise floor
        let samples = pause + open + gap + close + pause + hiss
        let timeline = AcousticVisemes.timeline(for: AudioClip(samples: samples, sampleRate: rate))
        func viseme(at t: Double) -> Viseme? { timeline.phones.first { $0.start <= t && t < $0.end }?.viseme }
        #expect(viseme(at: 0.2) == .silence)
        #expect(viseme(at: 0.65) == .aa)
        #expect(viseme(at: 0.85) == .PP, "the 100 ms gap inside speech is a closure")
        #expect([Viseme.I, .E].contains(viseme(at: 1.05)), "\(String(describing: viseme(at: 1.05)))")
        #expect(viseme(at: 1.4) == .silence)
        #expect(abs((timeline.phones.last?.end ?? 0) - Double(samples.count) / Double(rate)) < 1e-9)
    }

    @Test func speechActivityFindsTheSpeech() {
        let rate = 16_000
        let samples = [Float](repeating: 0, count: rate / 2) + vowel(f0: 150, formants: (600, 1500), seconds: 1, rate: rate) + [Float](repeating: 0, count: rate / 4)
        let span = SpeechActivity.span(of: AudioClip(samples: samples, sampleRate: rate))
        #expect(abs((span?.start ?? 0) - 0.5) < 0.03 && abs((span?.end ?? 0) - 1.5) < 0.03, "\(String(describing: span))")
        #expect(SpeechActivity.span(of: AudioClip(samples: [Float](repeating: 0, count: rate), sampleRate: rate)) == nil)
    }
}
