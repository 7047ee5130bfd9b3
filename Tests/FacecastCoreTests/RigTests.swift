import Testing
@testable import FacecastCore

/// A synthetic frontal face on a 512x512 canvas: plausible iBUG-68 landmarks and a painted base image.
enum RigFixture {
    static let size = 512
    static let cx = 256.0

    /// Landmarks with the inner lips `gap` pixels apart at the centre (0 = closed, 61/67 etc. coincide).
    static func landmarks(gap: Double = 0) -> FaceLandmarks {
        var p = [Point]()
        for k in 0...16 {
            let t = Double.pi * Double(k) / 16
            p.append(Point(cx - 78 * cosine(t), 235 + 135 * sine(t)))
        }
        let browY: [Double] = [203, 197, 195, 196, 199]
        for (i, x) in [-70.0, -58, -44, -29, -15].enumerated() { p.append(Point(cx + x, browY[i])) }
        for (i, x) in [15.0, 29, 44, 58, 70].enumerated() { p.append(Point(cx + x, browY[4 - i])) }
        for y in [215.0, 232, 249, 266] { p.append(Point(cx, y)) }
        for (x, y) in [(-16.0, 276.0), (-8, 280), (0, 282), (8, 280), (16, 276)] { p.append(Point(cx + x, y)) }
        for (x, y) in [(-50.0, 225.0), (-41, 219), (-29, 219), (-20, 225), (-29, 230), (-41, 230)] {
            p.append(Point(cx + x, y))
        }
        for (x, y) in [(20.0, 225.0), (29, 219), (41, 219), (50, 225), (41, 230), (29, 230)] {
            p.append(Point(cx + x, y))
        }
        let m = 318.0
        for (x, y) in [(-30.0, 0.0), (-20, -8), (-9, -12), (0, -10), (9, -12), (20, -8), (30, 0), (20, 10), (10, 14),
                       (0, 15), (-10, 14), (-20, 10)] {
            p.append(Point(cx + x, m + y))
        }
        let h = gap / 2
        for (x, y) in [(-25.0, 0.0), (-10, -0.8 * h), (0, -h), (10, -0.8 * h), (25, 0), (10, 0.8 * h), (0, h),
                       (-10, 0.8 * h)] {
            p.append(Point(cx + x, m + y))
        }
        return FaceLandmarks(box: Rect(x: cx - 80, y: 190, width: 160, height: 185), points: p)
    }

    static func sine(_ t: Double) -> Double {
        // Enough precision for a test layout without Foundation.
        var x = t.truncatingRemainder(dividingBy: 2 * Double.pi)
        if x > Double.pi { x -= 2 * Double.pi }
        var term = x, sum = x
        for n in 1..<12 {
            term *= -x * x / Double((2 * n) * (2 * n + 1))
            sum += term
        }
        return sum
    }

    static func cosine(_ t: Double) -> Double { sine(t + Double.pi / 2) }

    /// A painted face: gradient background with texture, skin ellipse, white eyes with dark irises,
    /// dark brows, red lips; with `gap` > 0 a dark mouth with a band of teeth.
    static func base(gap: Double = 0) -> RGBImage {
        let lm = landmarks(gap: gap)
        let p = lm.points
        var px = [UInt8](repeating: 0, count: size * size * 3)
        func put(_ x: Int, _ y: Int, _ c: (Double, Double, Double)) {
            let i = (y * size + x) * 3
            px[i] = UInt8(max(0, min(255, c.0)))
            px[i + 1] = UInt8(max(0, min(255, c.1)))
            px[i + 2] = UInt8(max(0, min(255, c.2)))
        }
        /// Calls `body` for the pixels inside the polygon (scanning its bounding box only).
        func fill(_ poly: [Point], _ body: (Int, Int) -> Void) {
            let box = Rect.bounding(poly)
            for y in Int(box.minY)...Int(box.maxY) + 1 {
                for x in Int(box.minX)...Int(box.maxX) + 1
                where FacePalette.inside(Point(Double(x), Double(y)), poly) { body(x, y) }
            }
        }
        for y in 0..<size {
            for x in 0..<size {
                let tex = Double((x * 7 + y * 13) % 17) - 8
                let fx = (Double(x) - cx) / 95, fy = (Double(y) - 265) / 150
                if fx * fx + fy * fy < 1 || (abs(Double(x) - cx) < 45 && y > 300) {
                    put(x, y, (205 - Double(y) * 0.05 + tex * 0.5, 160 + tex * 0.5, 135 + tex * 0.5))
                } else {
                    put(x, y, (60 + Double(x) * 0.25 + tex, 90 + Double(y) * 0.2 + tex, 140 - Double(x) * 0.1 + tex))
                }
            }
        }
        for i in 17...26 {
            let c = p[i]
            for y in Int(c.y) - 4...Int(c.y) + 4 {
                for x in Int(c.x) - 4...Int(c.x) + 4 where c.distance(to: Point(Double(x), Double(y))) < 4 {
                    put(x, y, (70, 50, 40))
                }
            }
        }
        for eye in [Array(p[36...41]), Array(p[42...47])] {
            let ctr = Point.centroid(eye)
            fill(eye) { x, y in
                put(x, y, ctr.distance(to: Point(Double(x), Double(y))) < 5 ? (40, 30, 25) : (235, 232, 228))
            }
        }
        fill(Array(p[48...59])) { x, y in put(x, y, (170, 70, 75)) }
        if gap > 0 {
            fill(Array(p[60...67])) { x, y in
                put(x, y, Double(y) < p[62].y + 4 ? (240, 240, 230) : (30, 10, 10))
            }
        }
        return RGBImage(width: size, height: size, pixels: px)
    }

    /// Random parameters within the ranges the performance layer produces (a little beyond).
    static func randomParams(_ rng: inout SeededRandom) -> RigParams {
        func r(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * rng.unit() }
        var p = RigParams()
        p.jawOpen = r(0, 1)
        p.lipsWide = r(-0.3, 1)
        p.lipsRound = r(0, 1)
        p.lipPress = rng.unit() < 0.3 ? r(0, 1) : 0
        p.upperLipRaise = r(0, 1)
        p.lowerLipTuck = rng.unit() < 0.3 ? r(0, 1) : 0
        p.tongueUp = r(0, 1)
        p.smile = r(-0.2, 1)
        p.blinkL = rng.unit() < 0.3 ? 1 : r(0, 1)
        p.blinkR = rng.unit() < 0.3 ? 1 : r(0, 1)
        p.squint = r(0, 1)
        p.browRaise = r(-0.3, 1)
        p.browFurrow = r(0, 1)
        p.headYaw = r(-8, 8)
        p.headPitch = r(-6, 6)
        p.headRoll = r(-4, 4)
        p.headShiftX = r(-0.15, 0.15)
        p.headShiftY = r(-0.15, 0.15)
        p.breath = r(0, 1)
        p.photoMouth = r(0, 1)
        return p
    }

    static let closedRig = Rig(canvasWidth: size, canvasHeight: size, landmarks: landmarks())
    static let openRig = Rig(canvasWidth: size, canvasHeight: size, landmarks: landmarks(gap: 14))
}

@Suite struct RigTests {
    let rig = RigFixture.closedRig
    var iod: Double { rig.landmarks.interocularDistance }

    func gaps(_ lm: [Point]) -> [Double] {
        [(61, 67), (62, 66), (63, 65)].map { lm[$0.1].y - lm[$0.0].y }
    }

    @Test func cropIsSquareAroundTheHead() {
        let c = rig.cropRect
        #expect(c.width == c.height)
        let face = Rect.bounding(rig.landmarks.points)
        #expect(c.width > 2.3 * face.height && c.width < 2.7 * face.height)
        #expect(c.center.y < face.center.y)  // a little above the face centre
        #expect(abs(c.center.x - face.center.x) <= 1)
        for q in rig.landmarks.points { #expect(c.contains(q)) }
    }

    @Test func neutralOnClosedMouthMovesNothing() {
        let mesh = rig.deformedMesh(.neutral)
        #expect(!mesh.moved.contains(true))
        let lm = rig.deformedLandmarks(.neutral)
        for (a, b) in zip(lm, rig.landmarks.points) { #expect(a.distance(to: b) < 1e-6) }
    }

    @Test func cropBorderNeverMoves() {
        var rng = SeededRandom(seed: 7)
        let c = rig.cropRect
        let band = 0.03 * c.width
        var inBand = [(i: Int, x: Double, y: Double)]()
        for r in 0..<rig.mesh.rows {
            for col in 0..<rig.mesh.columns {
                let q = rig.mesh.position(col, r), x = q.x, y = q.y
                if min(x - c.minX, c.maxX - x, y - c.minY, c.maxY - y) <= band {
                    inBand.append((rig.mesh.index(col, r), x, y))
                }
            }
        }
        #expect(inBand.count > 4 * rig.mesh.columns)
        for _ in 0..<20 {
            var params = RigFixture.randomParams(&rng)
            params.headYaw *= 2  // beyond the usual range too
            params.headShiftX *= 3
            let mesh = rig.deformedMesh(params)
            let still = inBand.allSatisfy { !mesh.moved[$0.i] && mesh.x[$0.i] == Float($0.x) && mesh.y[$0.i] == Float($0.y) }
            #expect(still)
        }
    }

    @Test(arguments: [false, true])
    func noInvertedTrianglesUnderRandomParams(openSource: Bool) {
        let rig = openSource ? RigFixture.openRig : RigFixture.closedRig
        var rng = SeededRandom(seed: openSource ? 11 : 12)
        for _ in 0..<100 {
            let params = RigFixture.randomParams(&rng)
            let worst = rig.smallestTriangleAreaRatio(params)
            // Closing slits squeeze triangles to zero area; none may flip beyond float noise on those.
            #expect(worst > -0.02, "inverted triangle (relative area \(worst)) for \(params)")
        }
        var params = RigParams()
        params.jawOpen = 1
        params.headYaw = 8
        #expect(rig.smallestTriangleAreaRatio(params) > 0.2)  // an open, turned face is far from folding
    }

    @Test func jawOpensTheLipsAndPressClosesThem() {
        var params = RigParams()
        params.jawOpen = 1
        let open = gaps(rig.deformedLandmarks(params))
        #expect(open[1] > 0.3 * iod && open[1] < 0.4 * iod)
        #expect(open.allSatisfy { $0 > 0.25 * iod })
        // The lower lip and chin drop, lip most; the upper lip barely moves.
        let lm = rig.deformedLandmarks(params), rest = rig.landmarks.points
        let lipDrop = lm[57].y - rest[57].y, chinDrop = lm[8].y - rest[8].y
        #expect(chinDrop > 0.3 * lipDrop && chinDrop < lipDrop)
        #expect(abs(lm[51].y - rest[51].y) < 0.05 * iod)

        params.lipPress = 1
        params.upperLipRaise = 1
        params.lowerLipTuck = 1
        for g in gaps(rig.deformedLandmarks(params)) { #expect(abs(g) < 0.05) }
    }

    @Test(arguments: [20.0, -20.0])
    func aRolledFaceOpensAndClosesItsMouthAlongItsOwnAxis(_ degrees: Double) {
        // The same face rolled in the photo: the jaw drops along the face's own "down", and the parted lips
        // (the counter-clockwise fixture has a 14 px gap) close along it, not along the picture's columns.
        let rig = degrees > 0 ? MeshRigCase.rotatedCWRig : MeshRigCase.rotatedCCWRig
        let a = degrees * Double.pi / 180
        let down = Point(-RigFixture.sine(a), RigFixture.cosine(a)), across = Point(down.y, -down.x)
        var open = RigParams()
        open.jawOpen = 1
        let rest = rig.landmarks.points, neutral = rig.deformedLandmarks(RigParams()), opened = rig.deformedLandmarks(open)
        for (from, to) in [(rest, opened), (neutral, opened)] {
            let d = to[57] - from[57]
            guard d.length > 0.05 * rig.landmarks.interocularDistance else { continue }  // a closed photo: no closing step
            #expect(d.dot(down) > 0)
            #expect(abs(d.dot(across)) < 0.035 * d.length, "lower lip moved \(d), face down is \(down)")
        }
        let lipsMeet = neutral[66] - neutral[62]
        #expect(abs(lipsMeet.dot(down)) < 0.05, "inner lips \(lipsMeet) apart at neutral")
    }

    @Test func pressedLipsThinBy15PercentOfTheirOwnHeightAtMost() {
        // A broad smile stretches the upper lip to a thin band: pressing must not squeeze it into the seam.
        var thin = RigFixture.landmarks().points
        for i in [50, 51, 52] { thin[i].y = thin[62].y - 3 }
        let lm = FaceLandmarks(box: RigFixture.landmarks().box, points: thin)
        let u = lm.interocularDistance
        let d = RigControls.displacements(.press, lm, iod: u)
        #expect(d[51].y > 0 && d[51].y <= 0.15 * 3 + 1e-9, "thin upper lip pressed by \(d[51].y) px of 3")
        #expect(d[57].y < 0, "the lower lip presses up")
        // Thick lips press by at most 0.035 eye distances.
        var thick = thin
        for i in [50, 51, 52] { thick[i].y = thick[62].y - 0.6 * u }
        let dThick = RigControls.displacements(.press, FaceLandmarks(box: lm.box, points: thick), iod: u)
        #expect(abs(dThick[51].y - 0.035 * u) < 1e-9)
        #expect(dThick[51].y > d[51].y)
    }

    @Test func halfOpenJawIsInBetween() {
        var params = RigParams()
        params.jawOpen = 0.5
        let half = gaps(rig.deformedLandmarks(params))[1]
        params.jawOpen = 1
        let full = gaps(rig.deformedLandmarks(params))[1]
        #expect(half > 0.35 * full && half < 0.65 * full)
    }

    @Test func openMouthSourceClosesAtNeutralAndStillOpens() {
        let rig = RigFixture.openRig
        #expect(gaps(rig.landmarks.points)[1] > 13)
        for g in gaps(rig.deformedLandmarks(.neutral)) { #expect(abs(g) < 0.05) }
        var params = RigParams()
        params.jawOpen = 1
        #expect(gaps(rig.deformedLandmarks(params))[1] > 0.3 * iod)
    }

    @Test func anFVOnAPartedPhotoBringsTheLowerLipUpAndLeavesTheUpperLipWhereItIs() {
        // Labiodentals: the lower lip meets the upper teeth, which a photo taken mid-word or smiling shows.
        let rig = RigFixture.openRig
        let source = gaps(rig.landmarks.points)[1], rest = rig.landmarks.points
        var fv = RigParams()
        fv.lowerLipTuck = 1
        let lm = rig.deformedLandmarks(fv)
        #expect(abs(lm[62].y - rest[62].y) < 0.2, "upper lip moved \(lm[62].y - rest[62].y) px")
        #expect(lm[66].y < rest[66].y - 0.5 * source, "lower lip rose \(rest[66].y - lm[66].y) px of a \(source) px gap")
        let left = gaps(lm)[1]
        #expect(left > 0.5 * RigControls.lipMeet * source && left <= RigControls.lipMeet * source + 0.05)
        // Pressed (p, b, m), the same lips shut completely.
        fv.lipPress = 1
        for g in gaps(rig.deformedLandmarks(fv)) { #expect(abs(g) < 0.05) }
    }

    @Test func openMouthSourceKeepsPartOfItsOpeningWhileSpeakingAndPressesShut() {
        let rig = RigFixture.openRig
        let source = gaps(rig.landmarks.points)[1]
        var params = RigParams()
        params.photoMouth = 1
        let rest = gaps(rig.deformedLandmarks(params))[1]
        #expect(rest > 0.1 * source && rest < 0.6 * source, "rest gap \(rest) of \(source)")
        params.photoMouth = 0.5
        let relaxed = gaps(rig.deformedLandmarks(params))[1]
        #expect(relaxed > 0.05 && relaxed < rest)
        params.photoMouth = 1
        params.lipPress = 1
        for g in gaps(rig.deformedLandmarks(params)) { #expect(abs(g) < 0.05) }
        // A closed-mouth photo has nothing to keep.
        var p = RigParams()
        p.photoMouth = 1
        for g in gaps(self.rig.deformedLandmarks(p)) { #expect(abs(g) < 0.05) }
    }

    @Test func inventedGapIsNeverNegative() {
        var rng = SeededRandom(seed: 3)
        for _ in 0..<300 {
            let params = RigFixture.randomParams(&rng)
            for g in gaps(rig.deformedLandmarks(params)) { #expect(g > -0.05, "lips crossed for \(params)") }
        }
    }

    @Test func blinkBringsUpperLidsToLowerLids() {
        var params = RigParams()
        params.blinkL = 1
        var lm = rig.deformedLandmarks(params)
        for (up, lo) in [(43, 47), (44, 46)] { #expect(lm[up].distance(to: lm[lo]) < 1) }
        for (up, lo) in [(37, 41), (38, 40)] { #expect(lm[lo].y - lm[up].y > 8) }  // the other eye stays open
        params.blinkR = 1
        params.headYaw = 6
        params.headRoll = -3
        lm = rig.deformedLandmarks(params)
        for (up, lo) in [(37, 41), (38, 40), (43, 47), (44, 46)] { #expect(lm[up].distance(to: lm[lo]) < 1) }
    }

    @Test func browsRiseAndHeadTurns() {
        var params = RigParams()
        params.browRaise = 1
        var lm = rig.deformedLandmarks(params)
        for i in 17...26 { #expect(lm[i].y < rig.landmarks.points[i].y - 0.08 * iod) }
        params = RigParams()
        params.headYaw = 8
        lm = rig.deformedLandmarks(params)
        let rest = rig.landmarks.points
        // Parallax: the nose tip travels further than the jaw outline.
        let nose = lm[30].x - rest[30].x, jaw = lm[0].x - rest[0].x
        #expect(nose > 3 && nose > 1.5 * abs(jaw))
        params = RigParams()
        params.headShiftX = 0.1
        lm = rig.deformedLandmarks(params)
        #expect(abs(lm[30].x - rest[30].x - 0.1 * iod) < 0.5)
    }

    @Test func genericHeadHasReliefSoTurnsShowParallax() {
        let f = rig.frame, p = rig.landmarks.points
        let eye = Point.centroid(Array(p[36...41])), brow = Point.centroid(Array(p[17...21]))
        #expect(f.depth(p[30]) > f.depth(p[27]))  // nose tip stands out from the bridge
        #expect(f.depth(brow) > f.depth(eye))  // the brow ridge stands over the eye socket
        let cheek = Point.lerp(p[2], p[31], 0.45), cheekBelow = Point(cheek.x, cheek.y + 0.5 * f.iod)
        #expect(f.depth(cheek) > f.depth(cheekBelow))  // cheekbone
        // A yaw moves the nose tip further than the outer eye corners (parallax, not a flat cut-out).
        var params = RigParams()
        params.headYaw = 8
        let lm = rig.deformedLandmarks(params)
        #expect(lm[30].x - p[30].x > 1.2 * (lm[36].x - p[36].x))
    }

    @Test func smileLiftsAndWidensCorners() {
        var params = RigParams()
        params.smile = 1
        let lm = rig.deformedLandmarks(params), rest = rig.landmarks.points
        #expect(lm[48].y < rest[48].y - 3 && lm[54].y < rest[54].y - 3)
        #expect(lm[48].x < rest[48].x && lm[54].x > rest[54].x)
        params = RigParams()
        params.lipsRound = 1
        let round = rig.deformedLandmarks(params)
        #expect(round[54].x - round[48].x < rest[54].x - rest[48].x - 10)
    }
}
