import Foundation
import Testing
@testable import FacecastCore

@Suite struct QualitySignalTests {
    @Test func pearsonKnownVectors() {
        let a: [Double] = [1, 2, 3, 4, 5]
        #expect(abs(QualitySignals.pearson(a, a.map { 2 * $0 + 7 }) - 1) < 1e-12)
        #expect(abs(QualitySignals.pearson(a, a.map { -3 * $0 }) + 1) < 1e-12)
        #expect(QualitySignals.pearson(a, [4, 4, 4, 4, 4]) == 0)
        #expect(QualitySignals.pearson([0.3, 0.3, 0.3, 0.3], a) == 0)   // rounding noise only
        #expect(QualitySignals.pearson([1, 2], [1, 2]) == 0)              // fewer than 3 pairs
        // Hand-computed: x = 1,2,3 ; y = 1,3,2 → r = 0.5.
        #expect(abs(QualitySignals.pearson([1, 2, 3], [1, 3, 2]) - 0.5) < 1e-12)
        // Common prefix of mismatched lengths.
        #expect(abs(QualitySignals.pearson([1, 2, 3, 100], [1, 3, 2]) - 0.5) < 1e-12)
    }

    @Test func interpolateGapsFillsLinearlyAndHoldsEdges() {
        #expect(QualitySignals.interpolateGaps([nil, 1, nil, 3, nil, nil]) == [1, 1, 2, 3, 3, 3])
        #expect(QualitySignals.interpolateGaps([0, nil, nil, nil, 4]) == [0, 1, 2, 3, 4])
        #expect(QualitySignals.interpolateGaps([nil, nil]) == nil)
        #expect(QualitySignals.interpolateGaps([]) == nil)
        #expect(QualitySignals.interpolateGaps([5]) == [5])
    }

    @Test func fixedPointFormatting() {
        #expect(NumberText.fixed(12.345, 1) == "12.3")
        #expect(NumberText.fixed(-0.004, 2) == "0.00")
        #expect(NumberText.fixed(-1.5, 2) == "-1.50")
        #expect(NumberText.fixed(80, 0, plus: true) == "+80")
        #expect(NumberText.fixed(0.05, 3) == "0.050")
        #expect(NumberText.fixed(.nan, 1) == "nan")
    }
}

@Suite struct QualitySyncTests {
    /// A speech-like activity curve: bursts (syllables) of random length, height and spacing, sin²-shaped.
    static func activity(seed: UInt64, duration: Double) -> (Double) -> Double {
        var rng = SeededRandom(seed: seed)
        var bursts: [(start: Double, length: Double, height: Double)] = []
        var t = 0.3
        while t < duration - 0.5 {
            let length = 0.08 + 0.25 * rng.unit()
            bursts.append((t, length, 0.3 + 0.7 * rng.unit()))
            t += length + 0.03 + 0.35 * rng.unit()
        }
        return { x in
            for b in bursts where x >= b.start && x < b.start + b.length {
                let s = sin(.pi * (x - b.start) / b.length)
                return b.height * s * s
            }
            return 0
        }
    }

    static func signals(delay: Double, seed: UInt64 = 7) -> (mouth: [Double?], loudness: [Double]) {
        let s = activity(seed: seed, duration: 10)
        let mouth: [Double?] = (0..<250).map { 0.02 + 0.3 * s(Double($0) / 25) }
        // Audio lagging by `delay`: the loudness at t is the activity at t - delay.
        let loudness = (0..<1000).map { 0.001 + s((Double($0) + 0.5) * 0.01 - delay) }
        return (mouth, loudness)
    }

    @Test(arguments: [0.08, -0.12, 0.0])
    func recoversAKnownOffsetWithItsSign(delay: Double) {
        let (mouth, loudness) = Self.signals(delay: delay)
        let m = SyncMeasurement.measure(mouth: mouth, fps: 25, loudness: loudness, hop: 0.01)
        #expect(abs(m.offset - delay) <= 0.010, "offset \(m.offset) vs \(delay)")
        #expect(m.strength > 0.8)
        #expect(m.curve.count == 41)
        #expect(abs(m.curve.first!.lag + 0.2) < 1e-9 && abs(m.curve.last!.lag - 0.2) < 1e-9)
        // The chosen lag really is the curve's maximum.
        #expect(m.strength == m.curve.map(\.r).max())
    }

    @Test func gapsInTheMouthTrackAreBridged() {
        var (mouth, loudness) = Self.signals(delay: 0.08, seed: 11)
        for i in stride(from: 3, to: 250, by: 17) { mouth[i] = nil }
        let m = SyncMeasurement.measure(mouth: mouth, fps: 25, loudness: loudness, hop: 0.01)
        #expect(abs(m.offset - 0.08) <= 0.010)
        #expect(m.strength > 0.8)
    }

    @Test func constantOrMissingMouthHasNoStrength() {
        let (_, loudness) = Self.signals(delay: 0.08)
        let still = SyncMeasurement.measure(mouth: [Double?](repeating: 0.05, count: 250), fps: 25, loudness: loudness, hop: 0.01)
        #expect(still.strength == 0 && still.offset == 0)
        let none = SyncMeasurement.measure(mouth: [Double?](repeating: nil, count: 250), fps: 25, loudness: loudness, hop: 0.01)
        #expect(none.strength == 0 && none.offset == 0)
        let silent = SyncMeasurement.measure(mouth: Self.signals(delay: 0).mouth, fps: 25, loudness: [], hop: 0.01)
        #expect(silent.strength == 0 && silent.offset == 0)
    }

    @Test func unrelatedSignalsCorrelateWeakly() {
        let mouth = Self.signals(delay: 0, seed: 1).mouth
        let loudness = Self.signals(delay: 0, seed: 99).loudness
        let m = SyncMeasurement.measure(mouth: mouth, fps: 25, loudness: loudness, hop: 0.01)
        #expect(m.strength < 0.5)
    }
}
