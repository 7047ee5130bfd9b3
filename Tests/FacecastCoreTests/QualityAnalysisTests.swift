import Foundation
import Testing
@testable import FacecastCore

@Suite struct QualityBlinkTests {
    /// Open EAR 0.30 with small deterministic noise, and dips of the given lengths (frames) starting at the given frames.
    static func track(frames: Int, dips: [(start: Int, length: Int)], noise: Double = 0.004) -> [Double?] {
        var rng = SeededRandom(seed: 3)
        var ear: [Double?] = (0..<frames).map { _ in 0.30 + noise * (2 * rng.unit() - 1) }
        for d in dips {
            for k in 0..<d.length {
                // Symmetric V: 0.22 at the edges, down to ~0.06 in the middle.
                let u = d.length == 1 ? 1 : 1 - abs(2 * Double(k) / Double(d.length - 1) - 1)
                ear[d.start + k] = 0.22 - 0.16 * u
            }
        }
        return ear
    }

    @Test func findsThreeDipsWithTheirDurations() {
        let dips = [(start: 20, length: 5), (start: 100, length: 3), (start: 200, length: 7)]
        let blinks = BlinkAnalysis.detect(ear: Self.track(frames: 300, dips: dips), fps: 25)
        #expect(blinks.count == 3)
        for (b, d) in zip(blinks, dips) {
            #expect(abs(b.duration - Double(d.length) / 25) <= 1.0 / 25 + 1e-9, "\(b) vs \(d)")
            #expect(abs(b.start - Double(d.start) / 25) <= 1.0 / 25 + 1e-9)
            #expect(b.minimumEAR < 0.1)
        }
    }

    @Test func widensToTheFullCloseAndReopen() {
        var ear = Self.track(frames: 100, dips: [(start: 40, length: 3)], noise: 0)
        ear[39] = 0.26   // closing starts (below 0.9 × open)
        ear[43] = 0.25   // still reopening
        let blinks = BlinkAnalysis.detect(ear: ear, fps: 25)
        #expect(blinks.count == 1)
        #expect(abs(blinks[0].start - 39.0 / 25) < 1e-9)
        #expect(abs(blinks[0].end - 44.0 / 25) < 1e-9)
        #expect(abs(blinks[0].duration - 0.2) < 1e-9)
    }

    @Test func runsSplitByOneNotQuiteOpenFrameMerge() {
        var ear = Self.track(frames: 100, dips: [(start: 40, length: 3), (start: 44, length: 3)], noise: 0)
        ear[43] = 0.25
        #expect(BlinkAnalysis.detect(ear: ear, fps: 25).count == 1)
        ear[43] = 0.30   // fully open in between → two blinks
        #expect(BlinkAnalysis.detect(ear: ear, fps: 25).count == 2)
    }

    @Test func shallowDipsAndStillEyesAreNotBlinks() {
        #expect(BlinkAnalysis.detect(ear: Self.track(frames: 300, dips: [], noise: 0.01), fps: 25).isEmpty)
        let constant: [Double?] = Array(repeating: 0.3, count: 100)
        let noFace: [Double?] = Array(repeating: nil, count: 100)
        #expect(BlinkAnalysis.detect(ear: constant, fps: 25).isEmpty)
        #expect(BlinkAnalysis.detect(ear: noFace, fps: 25).isEmpty)
        var ear = Self.track(frames: 100, dips: [], noise: 0)
        for i in 40..<45 { ear[i] = 0.21 }   // below 0.75 × open but never below 0.6 × open
        #expect(BlinkAnalysis.detect(ear: ear, fps: 25).isEmpty)
    }
}

@Suite struct QualityBilabialTests {
    @Test func closedOpenAndMissing() {
        let phones = [
            PhoneSegment(start: 0.50, end: 0.58, phone: "p", viseme: .PP),   // centre 0.54: frames 0.52, 0.56
            PhoneSegment(start: 0.60, end: 0.80, phone: "a", viseme: .aa),   // not bilabial
            PhoneSegment(start: 1.00, end: 1.10, phone: "b", viseme: .PP),   // centre 1.05: frames 1.04, 1.08
            PhoneSegment(start: 2.00, end: 2.06, phone: "m", viseme: .PP),   // centre 2.03: frames 2.00, 2.04
            PhoneSegment(start: 5.00, end: 5.10, phone: "m", viseme: .PP),   // past the last frame → nearest
        ]
        var mouth: [Double?] = [Double?](repeating: 0.3, count: 100)   // 4 s at 25 fps
        mouth[13] = 0.20; mouth[14] = 0.02       // closes at 0.56
        mouth[26] = 0.10; mouth[27] = 0.12       // only half-closed
        mouth[25] = 0.0; mouth[28] = 0.0         // closed, but outside ±40 ms of 1.05
        mouth[50] = nil; mouth[51] = nil         // no face
        mouth[99] = 0.01
        let r = BilabialAnalysis.measure(phones: phones, mouth: mouth, fps: 25)
        #expect(r.count == 4)
        #expect(r.map(\.phone) == ["p", "b", "m", "m"])
        #expect(r[0].closed && r[0].minimumOpening == 0.02)
        #expect(!r[1].closed && r[1].minimumOpening == 0.10)
        #expect(!r[2].closed && r[2].minimumOpening == nil)
        #expect(r[3].closed && r[3].minimumOpening == 0.01)
        #expect(abs(r[1].time - 1.05) < 1e-12)
        // A looser window reaches the closed frames around 1.05.
        #expect(BilabialAnalysis.measure(phones: [phones[2]], mouth: mouth, fps: 25, window: 0.07)[0].closed)
        // Threshold is configurable.
        #expect(BilabialAnalysis.measure(phones: [phones[2]], mouth: mouth, fps: 25, closedThreshold: 0.11)[0].closed)
    }
}

/// A 68-point face whose landmarks span the given box (only the bounding box and the stable points matter here).
func syntheticFace(x: Double, y: Double, width: Double, height: Double, shift: Point = .zero) -> FaceLandmarks {
    var rng = SeededRandom(seed: 5)
    var pts = (0..<68).map { _ in Point(x + width * (0.1 + 0.8 * rng.unit()), y + height * (0.1 + 0.8 * rng.unit())) }
    pts[0] = Point(x, y + height / 2)
    pts[16] = Point(x + width, y + height / 2)
    pts[19] = Point(x + width / 2, y)
    pts[8] = Point(x + width / 2, y + height)
    return FaceLandmarks(box: Rect(x: x, y: y, width: width, height: height), points: pts.map { $0 + shift })
}

@Suite struct QualityBackgroundTests {
    // Face box 40…60 × 30…50: head ellipse centred (50, 35), semi-axes (20, 25); neck x 32…68 from y 40 down.
    let face = syntheticFace(x: 40, y: 30, width: 20, height: 20)
    let label = Rect(x: 80, y: 80, width: 10, height: 10)

    func image(_ seed: UInt64) -> RGBImage {
        var rng = SeededRandom(seed: seed)
        return RGBImage(width: 100, height: 100, pixels: (0..<30000).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
    }

    @Test func maskGeometry() {
        let m = BackgroundMask(width: 100, height: 100, faces: [face], excluded: [label])
        func bg(_ x: Int, _ y: Int) -> Bool { m.isBackground[y * 100 + x] }
        #expect(!bg(50, 35) && !bg(69, 35) && bg(71, 35))     // head ellipse, x semi-axis 20
        #expect(!bg(50, 11) && bg(50, 9))                      // y semi-axis 25
        #expect(!bg(50, 99) && !bg(32, 60) && !bg(68, 99) && bg(31, 60) && bg(69, 99))   // neck to the bottom
        #expect(bg(29, 39) && !bg(31, 39) && bg(5, 5))
        #expect(!bg(78, 85) && bg(77, 85) && !bg(91, 85) && bg(92, 85) && !bg(85, 78) && bg(85, 77))  // label + 2 px
        let f = m.backgroundFraction
        #expect(f > 0.5 && f < 0.9)
        #expect(abs(f - Double(m.isBackground.filter { $0 }.count) / 10000) < 1e-12)
        #expect(BackgroundMask(width: 100, height: 100, faces: []).backgroundFraction == 1)
    }

    @Test func psnrIdenticalAndHeadOnlyChanges() {
        let m = BackgroundMask(width: 100, height: 100, faces: [face], excluded: [label])
        let a = image(1)
        #expect(ImageQuality.psnr(a, a, mask: m) == 100)
        var b = a
        for y in 20..<50 { for x in 40..<60 { b[x, y] = (0, 0, 0) } }   // inside the head
        b[85, 85] = (0, 0, 0)                                           // under the label
        #expect(b != a)
        #expect(ImageQuality.psnr(a, b, mask: m) == 100)
    }

    @Test func psnrOfABackgroundChangeMatchesTheFormula() throws {
        let m = BackgroundMask(width: 100, height: 100, faces: [face])
        let n = Double(m.isBackground.filter { $0 }.count)
        var a = RGBImage(width: 100, height: 100, fill: (100, 100, 100))
        var b = a
        b[5, 5] = (110, 100, 100)      // one channel off by 10
        b[95, 10] = (100, 97, 104)      // 9 + 16
        let mse = (100.0 + 9 + 16) / (3 * n)
        let expected = 10 * log10(255 * 255 / mse)
        let got = try #require(ImageQuality.psnr(a, b, mask: m))
        #expect(abs(got - expected) < 1e-9)
        #expect(got > 40 && got < 100)
        a[0, 0] = (0, 0, 0)
        #expect(ImageQuality.psnr(a, RGBImage(width: 50, height: 100), mask: m) == nil)
        let nothing = BackgroundMask(width: 100, height: 100, faces: [], excluded: [Rect(x: 0, y: 0, width: 100, height: 100)])
        #expect(nothing.backgroundFraction == 0)
        #expect(ImageQuality.psnr(a, b, mask: nothing) == nil)
    }
}

@Suite struct FaceDetailTests {
    /// One-pixel checks of ±a around mid grey: every inner Laplacian is ±8a, so the variance is 64a².
    static func checks(_ a: Double, size: Int = 20) -> RGBImage {
        var img = RGBImage(width: size, height: size, fill: (128, 128, 128))
        for y in 0..<size {
            for x in 0..<size {
                let v = UInt8(128 + ((x + y) % 2 == 0 ? a : -a))
                img[x, y] = (v, v, v)
            }
        }
        return img
    }

    @Test func laplacianVarianceMeasuresFineDetailInTheBox() throws {
        let whole = Rect(x: 0, y: 0, width: 20, height: 20)
        #expect(ImageQuality.laplacianVariance(RGBImage(width: 20, height: 20, fill: (90, 140, 30)), in: whole) == 0)
        let v10 = try #require(ImageQuality.laplacianVariance(Self.checks(10), in: whole))
        #expect(abs(v10 - 6400) < 1e-6)
        let v5 = try #require(ImageQuality.laplacianVariance(Self.checks(5), in: whole))
        #expect(abs(v5 / v10 - 0.25) < 1e-9)  // half the contrast, a quarter of the variance
        // Only the box counts: checks in the left half, flat on the right.
        var half = Self.checks(10)
        for y in 0..<20 { for x in 10..<20 { half[x, y] = (128, 128, 128) } }
        #expect(ImageQuality.laplacianVariance(half, in: Rect(x: 12, y: 0, width: 8, height: 20)) == 0)
        #expect(abs((ImageQuality.laplacianVariance(half, in: Rect(x: 0, y: 0, width: 9, height: 20)) ?? 0) - 6400) < 1e-6)
        #expect(ImageQuality.laplacianVariance(half, in: Rect(x: 30, y: 30, width: 5, height: 5)) == nil)
    }
}

@Suite struct QualityJitterTests {
    @Test func onePixelPerFrameInStillFrames() {
        let motions: [Double?] = [nil] + [Double?](repeating: 1, count: 9)
        let all = JitterAnalysis.measure(motions: motions, still: [Bool](repeating: true, count: 10))
        #expect(all.pairs == 9)
        #expect(abs(all.mean - 1) < 1e-9 && abs(all.max - 1) < 1e-9 && abs(all.p95 - 1) < 1e-9)
    }

    @Test func stillFlagsAndMissingMotionsAreHonoured() {
        // Frames 0-4 move 1 px per frame, frames 5-9 jump 10 px per frame but are not still.
        var motions: [Double?] = [nil] + (1..<10).map { $0 <= 4 ? 1.0 : 10.0 }
        var still = (0..<10).map { $0 < 5 }
        var j = JitterAnalysis.measure(motions: motions, still: still)
        #expect(j.pairs == 4 && abs(j.mean - 1) < 1e-9)
        motions[2] = nil
        j = JitterAnalysis.measure(motions: motions, still: still)
        #expect(j.pairs == 3)
        still = [Bool](repeating: true, count: 10)
        j = JitterAnalysis.measure(motions: motions, still: still)
        #expect(j.pairs == 8 && abs(j.max - 10) < 1e-9)
        let none = JitterAnalysis.measure(motions: motions, still: [Bool](repeating: false, count: 10))
        #expect(none == JitterMeasurement(mean: 0, p95: 0, max: 0, pairs: 0))
    }

    /// A smooth, textured picture shifted by (dx, dy): pixel (x, y) shows the pattern at (x - dx, y - dy).
    static func texture(width: Int = 120, height: Int = 100, dx: Double = 0, dy: Double = 0,
                        pattern: (Double, Double) -> Double = { x, y in
                            128 + 60 * sin(0.3 * x + 0.2 * y) + 40 * cos(0.17 * x - 0.31 * y) }) -> RGBImage {
        var image = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let v = UInt8(min(255, max(0, pattern(Double(x) - dx, Double(y) - dy).rounded())))
                image[x, y] = (v, v, v)
            }
        }
        return image
    }

    @Test func patchTrackerRecoversSubPixelShifts() throws {
        let a = Self.texture()
        for (dx, dy) in [(0.3, -0.2), (0.05, 0.0), (-1.4, 0.9), (0.0, 0.0)] {
            let d = try #require(PatchTracker.displacement(from: a, to: Self.texture(dx: dx, dy: dy), at: Point(60, 50), radius: 8))
            #expect(abs(d.x - dx) < 0.03 && abs(d.y - dy) < 0.03, "\(dx), \(dy) → \(d)")
        }
    }

    @Test func patchTrackerRefusesFlatPatchesAndFrameEdges() {
        let flat = RGBImage(width: 60, height: 60, fill: (90, 90, 90))
        #expect(PatchTracker.displacement(from: flat, to: flat, at: Point(30, 30), radius: 6) == nil)
        let a = Self.texture()
        #expect(PatchTracker.displacement(from: a, to: a, at: Point(5, 50), radius: 8) == nil)
        #expect(PatchTracker.displacement(from: a, to: Self.texture(width: 100), at: Point(50, 50), radius: 8) == nil)
    }

    @Test func alongAStraightEdgeOnlyTheMotionAcrossItCounts() throws {
        // Vertical stripes moved 0.5 px right and 2 px down: only the sideways half pixel is observable.
        let stripes: (Double, Double) -> Double = { x, _ in 128 + 90 * sin(0.4 * x) }
        let d = try #require(PatchTracker.displacement(from: Self.texture(pattern: stripes),
                                                       to: Self.texture(dx: 0.5, dy: 2, pattern: stripes), at: Point(60, 50), radius: 8))
        #expect(abs(d.x - 0.5) < 0.03 && abs(d.y) < 0.05, "\(d)")
    }

    @Test func trackedMotionOfAFaceShiftedByAKnownAmount() throws {
        // The stable points of a synthetic face on the texture; the whole picture moves 0.25 px right.
        let face = syntheticFace(x: 30, y: 25, width: 60, height: 50)
        let m = try #require(JitterAnalysis.trackedMotion(from: Self.texture(), to: Self.texture(dx: 0.25), landmarks: face, scale: 2))
        #expect(abs(m - 0.5) < 0.06, "\(m)")
        #expect(JitterAnalysis.trackedMotion(from: Self.texture(), to: Self.texture(), landmarks: face, scale: 2) == 0)
    }

    @Test func stillFramesFollowTheSilence() {
        // Silent 0-1 s, loud 1-2 s (hop centres 1.005…1.995), silent 2-3 s; a tiny noise floor.
        let loudness = (0..<300).map { (100..<200).contains($0) ? 0.5 : 0.001 }
        let still = JitterAnalysis.stillFrames(frameCount: 75, fps: 25, loudness: loudness, hop: 0.01)
        #expect(still.count == 75)
        #expect(still[0] && still[21])        // 0.84 s: loud hops start more than 0.15 s later
        #expect(!still[22] && !still[37] && !still[53])
        #expect(still[54] && still[74])       // 2.16 s
        #expect(JitterAnalysis.stillFrames(frameCount: 5, fps: 25, loudness: [], hop: 0.01) == [true, true, true, true, true])
    }

    @Test func blinksAreNotJitter() {
        let still = [Bool](repeating: true, count: 20)
        // A blink 0.21-0.39 s at 25 fps spans frames 5...10 (times 0.20…0.40); one more frame each side goes too.
        let out = JitterAnalysis.excludingBlinks(still, blinks: [(0.21, 0.39)], fps: 25)
        #expect(out[3] && out[12])
        #expect((4...11).allSatisfy { !out[$0] })
        #expect(JitterAnalysis.excludingBlinks(still, blinks: [(-5, -4), (9, 10)], fps: 25) == still)
    }
}
