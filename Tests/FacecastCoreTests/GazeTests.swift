import Testing
@testable import FacecastCore

/// Gaze on the painted fixture face: eyes 30 px wide, 11 px tall, a dark iris of radius 5 at each eye's centre
/// on a (235, 232, 228) sclera.
@Suite struct GazeTests {
    let renderer = RendererTests.closedRenderer
    var points: [Point] { renderer.rig.landmarks.points }

    static let eyeRanges = [36...41, 42...47]

    func luma(_ c: (UInt8, UInt8, UInt8)) -> Double { 0.299 * Double(c.0) + 0.587 * Double(c.1) + 0.114 * Double(c.2) }

    /// Mean position of the dark (iris) pixels in the eye's landmark box.
    func darkCentroid(_ img: RGBImage, eye k: Int) -> Point {
        let box = Rect.bounding(points[Self.eyeRanges[k]])
        var sum = Point.zero, n = 0.0
        for y in Int(box.minY) - 1...Int(box.maxY) + 1 {
            for x in Int(box.minX) - 1...Int(box.maxX) + 1 where luma(img[x, y]) < 100 {
                sum += Point(Double(x), Double(y))
                n += 1
            }
        }
        return n > 0 ? sum / n : Point(-1000, -1000)
    }

    func params(_ gx: Double, _ gy: Double, blink: Double = 0) -> RigParams {
        var p = RigParams()
        p.gazeX = gx
        p.gazeY = gy
        p.blinkL = blink
        p.blinkR = blink
        return p
    }

    @Test func theIrisAndScleraAreFoundInThePhoto() throws {
        for k in 0..<2 {
            let eye = try #require(renderer.eyes[k])
            let painted = Point.centroid(points[Self.eyeRanges[k]])
            #expect(eye.center.distance(to: painted) < 1, "eye \(k): iris at \(eye.center), painted at \(painted)")
            #expect(eye.radius > 4 && eye.radius < 6.5)
            #expect(abs(eye.sclera.luma - 232) < 6)
        }
        // A face with no iris in its eyes (all skin) gets no gaze.
        let blank = FaceRenderer(rig: renderer.rig, base: RGBImage(width: 512, height: 512, fill: (200, 160, 140)))
        #expect(blank.eyes.allSatisfy { $0 == nil })
        #expect(blank.render(params(1, 0.5)) == blank.base)
    }

    @Test(arguments: [0, 1])
    func horizontalGazeMovesTheIrisAcrossAndFillsWithSclera(eye k: Int) {
        let rest = darkCentroid(renderer.base, eye: k)
        let right = renderer.render(params(1, 0)), left = renderer.render(params(-1, 0))
        let r = darkCentroid(right, eye: k), l = darkCentroid(left, eye: k)
        #expect(r.x - rest.x > 4, "gaze +1 moved the iris \(r.x - rest.x) px")
        #expect(l.x - rest.x < -4, "gaze -1 moved the iris \(l.x - rest.x) px")
        #expect(abs(r.y - rest.y) < 0.75 && abs(l.y - rest.y) < 0.75)

        // Mid-row: behind the moved iris there is sclera; ahead of it, sclera still shows before the corner.
        let y = Int(rest.y.rounded())
        let corners = (points[Self.eyeRanges[k].lowerBound].x, points[Self.eyeRanges[k].lowerBound + 3].x)
        let row = (Int(corners.0) + 2)...(Int(corners.1) - 2)
        let dark = row.filter { luma(right[$0, y]) < 100 }
        #expect(dark.count >= 8)
        if let first = dark.first, let last = dark.last {
            #expect(first > Int(rest.x) - 4)
            #expect(last < Int(corners.1) - 2, "the iris reached the corner")
            for x in row.lowerBound..<(first - 1) { #expect(luma(right[x, y]) > 180, "no sclera at x=\(x)") }  // (then the iris edge)
        }
        #expect(luma(renderer.base[Int(rest.x) - 3, y]) < 100)  // where the iris was …
        #expect(luma(right[Int(rest.x) - 3, y]) > 180)  // … is sclera now
    }

    @Test func verticalGazeMovesTheIrisDownAndUp() {
        for k in 0..<2 {
            let rest = darkCentroid(renderer.base, eye: k)
            let down = darkCentroid(renderer.render(params(0, 1)), eye: k)
            let up = darkCentroid(renderer.render(params(0, -1)), eye: k)
            #expect(down.y - rest.y > 0.5, "gaze down moved the iris \(down.y - rest.y) px")
            #expect(up.y - rest.y < -0.5, "gaze up moved the iris \(up.y - rest.y) px")
            #expect(abs(down.x - rest.x) < 0.5 && abs(up.x - rest.x) < 0.5)
        }
    }

    /// Pixel centres strictly inside either eye's (deformed) lid contours.
    func insideAnOpening(_ x: Int, _ y: Int, landmarks lm: [Point]) -> Bool {
        (0..<2).contains { k in
            let (upper, lower) = Eyeball.opening(lm, eye: k)
            let fx = Double(x), fy = Double(y)
            return fx > upper[0].x && fx < upper[upper.count - 1].x
                && fy > Slit.y(upper, at: fx) && fy < Slit.y(lower, at: fx)
        }
    }

    @Test func gazeMovesNoLidAndNoPixelOutsideTheOpenings() {
        var rng = SeededRandom(seed: 31)
        var changedFrames = 0
        for trial in 0..<12 {
            var still = RigFixture.randomParams(&rng)
            if trial < 4 { still.blinkL = 0; still.blinkR = 0; still.squint = 0 }
            var moving = still
            moving.gazeX = (rng.unit() < 0.5 ? -1 : 1) * (0.4 + 0.6 * rng.unit())
            moving.gazeY = 2 * rng.unit() - 1
            let lm = renderer.deformedLandmarks(still)
            #expect(renderer.deformedLandmarks(moving) == lm)
            let a = renderer.render(still), b = renderer.render(moving)
            var changed = 0
            for y in 0..<a.height {
                for x in 0..<a.width where a[x, y] != b[x, y] {
                    changed += 1
                    #expect(insideAnOpening(x, y, landmarks: lm), "pixel (\(x), \(y)) changed outside the eyes")
                }
            }
            if changed > 0 { changedFrames += 1 }
            if trial < 4 { #expect(changed > 20) }  // open eyes: the irises did move
        }
        #expect(changedFrames >= 4)
    }

    @Test func theOpeningFollowsTheLidLandmarks() {
        // The curved contours pass through the landmarks and stay within a pixel of the straight segments
        // (a touch outside them near the corners, where lids are arcs).
        for k in 0..<2 {
            let (upper, lower) = Eyeball.opening(points, eye: k)
            let ids = EyeLayout.both[k]
            for i in ids.upper { #expect(abs(Slit.y(upper, at: points[i].x) - points[i].y) < 1e-9) }
            for i in ids.lower { #expect(abs(Slit.y(lower, at: points[i].x) - points[i].y) < 1e-9) }
            let straightUp = ids.upper.map { points[$0] }, straightLo = ids.lower.map { points[$0] }
            var x = upper[0].x
            while x < upper[upper.count - 1].x {
                #expect(abs(Slit.y(upper, at: x) - Slit.y(straightUp, at: x)) < 1)
                #expect(abs(Slit.y(lower, at: x) - Slit.y(straightLo, at: x)) < 1)
                x += 0.5
            }
        }
    }

    @Test func aClosedEyeIgnoresGaze() {
        #expect(renderer.render(params(1, 1, blink: 1)) == renderer.render(params(0, 0, blink: 1)))
        #expect(renderer.render(params(-1, 0, blink: 0.9)) == renderer.render(params(0, 0, blink: 0.9)))
        // Half closed, the iris still follows the gaze.
        let k = 0
        let half = darkCentroid(renderer.render(params(0, 0, blink: 0.5)), eye: k)
        let looking = darkCentroid(renderer.render(params(1, 0, blink: 0.5)), eye: k)
        #expect(looking.x - half.x > 3)
    }

    @Test func zeroGazeAddsNothingToTheFrame() {
        // The frame without the gaze pass, built from the renderer's other passes, is the frame.
        var rng = SeededRandom(seed: 32)
        for _ in 0..<4 {
            let p = RigFixture.randomParams(&rng)
            #expect(p.gazeX == 0 && p.gazeY == 0)
            var pixels = renderer.base.pixels
            let pose = renderer.rig.pose(p)
            renderer.warp(pose, into: &pixels)
            let lm = renderer.rig.meshLandmarks(pose)
            renderer.paintMouth(p, pose: pose, landmarks: lm, into: &pixels)
            renderer.paintLids(pose, landmarks: lm, into: &pixels)
            #expect(renderer.render(p).pixels == pixels)
        }
    }
}
