import Testing
@testable import FacecastCore

@Suite struct RendererTests {
    static let closedRenderer = FaceRenderer(rig: RigFixture.closedRig, base: RigFixture.base())
    static let openRenderer = FaceRenderer(rig: RigFixture.openRig, base: RigFixture.base(gap: 14))

    let renderer = RendererTests.closedRenderer

    func pixel(_ img: RGBImage, _ p: Point) -> (Int, Int, Int) {
        let c = img[Int(p.x.rounded()), Int(p.y.rounded())]
        return (Int(c.0), Int(c.1), Int(c.2))
    }

    func luma(_ c: (Int, Int, Int)) -> Double { 0.299 * Double(c.0) + 0.587 * Double(c.1) + 0.114 * Double(c.2) }

    @Test func neutralLeavesAClosedMouthFaceUnchanged() {
        #expect(renderer.render(.neutral) == renderer.base)
    }

    @Test func outsideTheCropAndItsBorderBandIsBitIdentical() {
        var rng = SeededRandom(seed: 21)
        let crop = renderer.rig.cropRect
        let band = Int(0.03 * crop.width) - 1
        let base = renderer.base
        let (w, h) = (base.width, base.height)
        // Inner rectangle (crop shrunk by the band, clipped to the canvas): the only place pixels may change.
        let x0 = max(0, Int(crop.minX) + band), x1 = min(w, Int(crop.maxX) - band)
        let y0 = max(0, Int(crop.minY) + band), y1 = min(h, Int(crop.maxY) - band)
        #expect(x0 < x1 && y0 < y1)
        for _ in 0..<4 {
            let img = renderer.render(RigFixture.randomParams(&rng))
            var pasted = img.pixels
            for y in y0..<y1 {
                let a = (y * w + x0) * 3, b = (y * w + x1) * 3
                pasted.replaceSubrange(a..<b, with: base.pixels[a..<b])
            }
            #expect(pasted == base.pixels)  // everything outside the inner rectangle is the base's
            #expect(img.pixels != base.pixels)  // and the face did move
        }
    }

    @Test func renderIsDeterministicAndIntoMatches() {
        var params = RigParams()
        params.jawOpen = 0.7
        params.smile = 0.4
        params.blinkL = 0.9
        params.headYaw = 5
        params.headPitch = -3
        params.tongueUp = 0.6
        let a = renderer.render(params)
        let b = renderer.render(params)
        #expect(a == b)
        var buffer = [UInt8](repeating: 77, count: a.pixels.count)
        renderer.render(params, into: &buffer)
        #expect(buffer == a.pixels)
        renderer.render(.neutral, into: &buffer)  // reuse: no trace of the previous frame
        #expect(buffer == renderer.base.pixels)
    }

    @Test func openJawShowsADarkMouthWithTeeth() {
        var params = RigParams()
        params.jawOpen = 1
        let img = renderer.render(params)
        let lm = renderer.deformedLandmarks(params)
        let gapTop = lm[62].y, gapBottom = lm[66].y
        #expect(gapBottom - gapTop > 20)
        // Lower half of the gap: dark cavity (or tongue), much darker than the lips around it.
        let deep = pixel(img, Point(lm[62].x, gapTop + 0.7 * (gapBottom - gapTop)))
        #expect(luma(deep) < 60)
        // Just under the upper lip: the upper teeth, bright.
        let teeth = pixel(img, Point(lm[62].x + 3, gapTop + 2.5))
        #expect(luma(teeth) > 150)
        // The lower lip moved down: below the new gap there is lip colour, not skin.
        let lowerLip = pixel(img, Point(lm[66].x, lm[66].y + 5))
        #expect(lowerLip.0 > lowerLip.1 + 50)
    }

    @Test func openMouthPhotoClosesAtNeutral() {
        let r = RendererTests.openRenderer
        let img = r.render(.neutral)
        // At rest the source showed teeth and a dark mouth between the lips; now lips meet: lip colours there.
        let m = r.rig.landmarks.mouthCenter
        var dark = 0, bright = 0
        for dy in -6...6 {
            for dx in -8...8 {
                let c = pixel(img, Point(m.x + Double(dx), m.y + Double(dy)))
                if luma(c) < 50 { dark += 1 }
                if luma(c) > 200 { bright += 1 }
            }
        }
        #expect(dark < 12 && bright < 12, "dark \(dark), bright \(bright)")
        let baseDark = (-6...6).flatMap { dy in (-8...8).map { dx in (dx, dy) } }
            .filter { luma(pixel(r.base, Point(m.x + Double($0.0), m.y + Double($0.1)))) < 50 }.count
        #expect(baseDark > 40)
    }

    /// A photo that shows its teeth keeps them: the open mouth shows the photo's own upper teeth (here striped, a
    /// tooth and a gap every 4 px) row for row under the upper lip, not synthesised ones.
    @Test func aToothyPhotoShowsItsOwnTeethWhenTheMouthOpens() {
        let lm = RigFixture.landmarks(gap: 14)
        let p = lm.points
        var base = RigFixture.base(gap: 14)
        let inner = Array(p[60...67])
        func stripe(_ x: Int) -> (UInt8, UInt8, UInt8) { (x / 2) % 2 == 0 ? (250, 235, 200) : (170, 150, 120) }
        for y in Int(p[62].y)...Int(p[66].y) + 1 {
            for x in Int(p[60].x)...Int(p[64].x) + 1
            where FacePalette.inside(Point(Double(x), Double(y)), inner) && Double(y) < p[62].y + 6 {
                base[x, y] = stripe(x)
            }
        }
        let r = FaceRenderer(rig: RigFixture.openRig, base: base)
        #expect(r.palette.showsTeeth)
        var params = RigParams()
        params.jawOpen = 0.8
        let img = r.render(params)
        let out = r.deformedLandmarks(params)
        #expect(out[66].y - out[62].y > 16)
        // Two pixels under the upper lip, across the middle of the mouth: the photo's stripes, within 25 of luma.
        var error = 0.0, contrast = 0.0
        for x in Int(p[62].x) - 8...Int(p[62].x) + 8 {
            let shown = luma(pixel(img, Point(Double(x), out[62].y + 2)))
            let photo = luma(pixel(base, Point(Double(x), p[62].y + 2)))
            error += abs(shown - photo) / 17
            contrast = max(contrast, photo - luma(pixel(base, Point(Double(x + 2), p[62].y + 2))))
        }
        #expect(contrast > 50)  // the photo's stripes are there to be seen
        #expect(error < 25, "mean luma error \(error) against the photo's teeth")
        // A photo with a dark, toothless mouth gets synthesised teeth instead.
        #expect(!RendererTests.openRenderer.palette.showsTeeth && RendererTests.openRenderer.photoMouth == nil)
    }

    /// dlib's inner-lip points are chords: real teeth bulge past them near the corners. Pressed shut, such a
    /// mouth must show lip across its whole width, not a speckled line of squeezed teeth and shadow.
    @Test func pressedShutAPartedMouthShowsNoTeethEvenWhereTheyBulgePastTheLandmarks() {
        let lm = RigFixture.landmarks(gap: 14)
        let p = lm.points
        var base = RigFixture.base(gap: 14)
        // Teeth 2 px below the lower inner-lip chord between the corner (60) and 67, and 65 and the corner (64).
        for (a, b) in [(60, 67), (65, 64)] {
            for x in Int(p[a].x.rounded(.up))...Int(p[b].x.rounded(.down)) {
                let t = (Double(x) - p[a].x) / (p[b].x - p[a].x)
                let y = p[a].y + t * (p[b].y - p[a].y)
                for j in Int(y.rounded(.up))...Int(y.rounded(.up)) + 2 { base[x, j] = (240, 240, 230) }
            }
        }
        let rig = RigFixture.openRig
        let r = FaceRenderer(rig: rig, base: base)
        // The photo as the warp sees it: lip where the teeth and the mouth's dark were, the rest untouched.
        let filled = try! #require(MouthInterior.lipFilled(base, landmarks: p, iod: lm.interocularDistance)).parted
        var changedOutside = 0
        for y in 0..<base.height {
            for x in 0..<base.width where filled[x, y] != base[x, y] {
                if !FacePalette.inside(Point(Double(x), Double(y)), Array(p[48...59])) { changedOutside += 1 }
            }
        }
        #expect(changedOutside == 0)
        var pressed = RigParams()
        pressed.lipPress = 1
        // Bright (teeth) and dark (cavity) pixels between the corners, from the outer upper to the outer lower lip.
        func betweenLips(_ img: RGBImage) -> (bright: Int, dark: Int) {
            var bright = 0, dark = 0
            for x in Int(p[60].x.rounded(.up)) + 1...Int(p[64].x.rounded(.down)) - 1 {
                for y in Int(p[51].y)...Int(p[57].y) {
                    let c = pixel(img, Point(Double(x), Double(y)))
                    if luma(c) > 200 { bright += 1 }
                    if luma(c) < 40 { dark += 1 }
                }
            }
            return (bright, dark)
        }
        let (bright, dark) = betweenLips(r.render(pressed))
        #expect(bright == 0 && dark == 0, "bright \(bright), dark \(dark) pixels between the lips")
        // Without the fill (the photo as it is), the same render shows the squeezed teeth: the check can fail.
        let unfilled = FaceRenderer(rig: rig, base: base, fillPartedLips: false).render(pressed)
        #expect(betweenLips(unfilled).bright > 0)
    }

    /// dlib's corner points often sit inside the real opening: the cavity's dark reaches past the 63–64 chord and
    /// on beyond the inner corner. Pressed shut, the corner must close too (no dark wedge); open, it keeps its dark.
    @Test func pressedShutTheCornersCloseWhereTheCavityReachesPastTheLandmarks() {
        let lm = RigFixture.landmarks(gap: 14)
        let p = lm.points
        var base = RigFixture.base(gap: 14)
        // The dark: 3 px above the chord over the half of 63–64 nearer the corner, and on along 64–54.
        var wedge = [(Int, Int)]()
        for x in Int((p[63].x + p[64].x) / 2)...Int(p[54].x.rounded(.down)) - 1 {
            let (a, b) = Double(x) <= p[64].x ? (p[63], p[64]) : (p[64], p[54])
            let y = a.y + (Double(x) - a.x) / (b.x - a.x) * (b.y - a.y)
            for j in Int(y.rounded(.down)) - 3...Int(y.rounded(.down)) + (Double(x) <= p[64].x ? 1 : 0) {
                base[x, j] = (12, 8, 8)
                wedge.append((x, j))
            }
        }
        let r = FaceRenderer(rig: RigFixture.openRig, base: base)
        #expect(r.closingSources.count == 4)
        func darkNearTheCorner(_ img: RGBImage) -> Int {
            var n = 0
            for x in Int(p[63].x)...Int(p[54].x) + 2 {
                for y in Int(p[53].y) - 2...Int(p[55].y) + 2 where luma(pixel(img, Point(Double(x), Double(y)))) < 40 { n += 1 }
            }
            return n
        }
        var pressed = RigParams()
        pressed.lipPress = 1
        #expect(darkNearTheCorner(r.render(pressed)) == 0)
        // Only the closing frames sample the filled corners: without them the same frame shows the wedge.
        #expect(darkNearTheCorner(FaceRenderer(rig: RigFixture.openRig, base: base, fillCorners: false).render(pressed)) > 0)
        // Opened as wide as the photo, the wedge is still there, as dark as the photo's.
        var open = RigParams()
        open.jawOpen = 1
        let img = r.render(open)
        #expect(wedge.filter { luma(pixel(img, Point(Double($0.0), Double($0.1)))) < 40 }.count > wedge.count / 2)
    }

    /// A smile that shows its teeth, with its corners' dark (and a tooth) reaching past dlib's corner points
    /// (frontal_face, edge_face_right): pressed shut, the corner closes over them. A small face's corner shadow, a few
    /// pixels, is the mouth's own and stays.
    @Test func aTeethSmilesCornerSlotClosesAndASmallCornerShadowStays() {
        let lm = RigFixture.landmarks(gap: 14)
        let p = lm.points
        func smile(slot size: (width: Int, height: Int)) -> RGBImage {
            var base = RigFixture.base(gap: 14)
            for y in Int(p[62].y) - 8...Int(p[66].y) + 8 {
                for x in Int(p[60].x) - 2...Int(p[64].x) + 2
                where FacePalette.inside(Point(Double(x), Double(y)), Array(p[60...67])) { base[x, y] = (240, 240, 230) }
            }
            // The slot at the right corner, from inside the inner corner on past the outer one: its top row a tooth.
            let x0 = Int(p[64].x) - 2, y0 = Int(p[64].y) - size.height / 2
            for x in x0..<x0 + size.width {
                for y in y0..<y0 + size.height { base[x, y] = y == y0 && size.height > 3 ? (225, 222, 215) : (20, 10, 10) }
            }
            return base
        }
        var pressed = RigParams()
        pressed.lipPress = 1
        func openingNearTheCorner(_ img: RGBImage) -> Int {
            var n = 0
            for x in Int(p[63].x)...Int(p[54].x) + 3 {
                for y in Int(p[53].y) - 2...Int(p[55].y) + 2 {
                    let l = luma(pixel(img, Point(Double(x), Double(y))))
                    if l < 40 || l > 200 { n += 1 }
                }
            }
            return n
        }
        // 10 × 6 px: a row of teeth over 50 dark pixels, more than 0.009 eye distances squared (44 px here).
        let large = smile(slot: (10, 6))
        let r = FaceRenderer(rig: RigFixture.openRig, base: large)
        #expect(r.closingSources.count == 4)
        #expect(openingNearTheCorner(r.render(pressed)) == 0)
        #expect(openingNearTheCorner(FaceRenderer(rig: RigFixture.openRig, base: large, fillCorners: false).render(pressed)) > 0)
        // 3 × 3 px: left as the photo has it, when pressed shut too.
        let small = smile(slot: (3, 3))
        let s = FaceRenderer(rig: RigFixture.openRig, base: small)
        #expect(s.closingSources.isEmpty)
    }

    @Test func blinkCoversTheEye() {
        var params = RigParams()
        params.blinkR = 1
        let img = renderer.render(params)
        let lm = renderer.rig.landmarks.points
        // Where the iris and sclera were, there is now skin-coloured lid (no white, no dark iris),
        // apart from the lash line where the lids meet.
        let meet = renderer.deformedLandmarks(params)
        var eyeball = 0
        for y in 216...233 {
            for x in Int(lm[36].x + 4)...Int(lm[39].x - 4) {
                if abs(Double(y) - meet[37].y) < 2.5 { continue }
                let c = pixel(img, Point(Double(x), Double(y)))
                if luma(c) > 215 || luma(c) < 60 { eyeball += 1 }
            }
        }
        #expect(eyeball == 0)
        // The other eye is untouched.
        let other = Point.centroid(Array(lm[42...47]))
        #expect(pixel(img, other) == pixel(renderer.base, other))
    }

    @Test func headTurnMovesTheFaceNotTheBackground() {
        var params = RigParams()
        params.headYaw = 8
        let img = renderer.render(params)
        let nose = renderer.rig.landmarks.points[30]
        var diff = 0
        for y in Int(nose.y - 20)...Int(nose.y + 20) {
            for x in Int(nose.x - 20)...Int(nose.x + 20) where pixel(img, Point(Double(x), Double(y))) != pixel(renderer.base, Point(Double(x), Double(y))) {
                diff += 1
            }
        }
        #expect(diff > 400)
        // Background beside the head, well inside the crop, stays put.
        let crop = renderer.rig.cropRect
        let side = Point(crop.minX + 0.12 * crop.width, crop.minY + 0.3 * crop.height)
        #expect(pixel(img, side) == pixel(renderer.base, side))
    }

    @Test func faceNearTheCanvasCornerIsClipped() {
        // The crop hangs off the top-left of the canvas; rendering clips and leaves the rest alone.
        let lm = RigFixture.landmarks().transformed(scale: 1, offset: Point(-180, -170))
        let rig = Rig(canvasWidth: 400, canvasHeight: 300, landmarks: lm)
        #expect(rig.cropRect.minX < 0 && rig.cropRect.minY < 0)
        let base = RGBImage(width: 400, height: 300, fill: (120, 90, 80))
        let r = FaceRenderer(rig: rig, base: base)
        var rng = SeededRandom(seed: 5)
        for _ in 0..<3 {
            let params = RigFixture.randomParams(&rng)
            let img = r.render(params)
            #expect(img == r.render(params))
            let right = Int(rig.cropRect.maxX) + 1
            for y in stride(from: 0, to: 300, by: 7) {
                for x in stride(from: right, to: 400, by: 5) { #expect(img[x, y] == base[x, y]) }
            }
        }
    }
}

@Suite struct PaletteTests {
    /// The image with the gap between the inner lips (landmarks 60-67) painted `colour`.
    static func gapPainted(_ image: RGBImage, _ lm: FaceLandmarks, _ colour: (UInt8, UInt8, UInt8)) -> RGBImage {
        var out = image
        let inner = Array(lm.points[60...67]), box = Rect.bounding(inner)
        for y in Int(box.minY)...Int(box.maxY) + 1 {
            for x in Int(box.minX)...Int(box.maxX) + 1 where FacePalette.inside(Point(Double(x), Double(y)), inner) {
                out[x, y] = colour
            }
        }
        return out
    }

    /// The image with every pixel replaced by `tone` of its luma.
    static func toned(_ image: RGBImage, _ tone: (Double) -> (UInt8, UInt8, UInt8)) -> RGBImage {
        var out = image
        for i in stride(from: 0, to: out.pixels.count, by: 3) {
            let luma = RGBf(Double(out.pixels[i]), Double(out.pixels[i + 1]), Double(out.pixels[i + 2])).luma
            (out.pixels[i], out.pixels[i + 1], out.pixels[i + 2]) = tone(luma)
        }
        return out
    }

    /// A pale photo's teeth can be no brighter than its cheeks (glasses_face.jpg): they still count as shown when
    /// they stand well above the lips. A moustache over a dark mouth (grey_face.jpg), a quarter of the way from
    /// the lips to white, does not.
    @Test func teethOfAPaleFaceCountWhenWellAboveTheLips() {
        let lm = RigFixture.landmarks(gap: 14)
        var pale = RigFixture.base(gap: 14)
        for i in pale.pixels.indices { pale.pixels[i] = 255 - (255 - pale.pixels[i]) / 2 }
        let reference = FacePalette(base: pale, landmarks: lm, iod: lm.interocularDistance)
        let (lip, skin) = (reference.lip.luma, reference.skin.luma)
        func palette(gapLuma: Double) -> FacePalette {
            let v = UInt8(gapLuma.rounded())
            return FacePalette(base: Self.gapPainted(pale, lm, (v, v, v)), landmarks: lm, iod: lm.interocularDistance)
        }
        let teeth = lip + 0.6 * (255 - lip)
        #expect(teeth < 1.1 * skin, "the case needs teeth (\(teeth)) no brighter than the skin (\(skin))")
        #expect(palette(gapLuma: teeth).showsTeeth)
        #expect(!palette(gapLuma: lip + 0.25 * (255 - lip)).showsTeeth)
    }

    /// A photo that shows its teeth gives the synthesised teeth their colour; one that does not falls back to
    /// a white matched to the eyes (never the photo's dark mouth).
    @Test func teethTakeTheColourOfTheTeethThePhotoShows() {
        let lm = RigFixture.landmarks(gap: 14)
        let base = Self.gapPainted(RigFixture.base(gap: 14), lm, (236, 222, 196))  // warm ivory teeth
        let withTeeth = FacePalette(base: base, landmarks: lm, iod: lm.interocularDistance)
        #expect(abs(withTeeth.teeth.r - 236) < 12 && abs(withTeeth.teeth.g - 222) < 12 && abs(withTeeth.teeth.b - 196) < 12,
                "teeth \(withTeeth.teeth)")
        let darkMouth = FacePalette(base: RigFixture.base(gap: 14), landmarks: lm, iod: lm.interocularDistance)
        #expect(darkMouth.teeth.luma > 110, "fallback teeth \(darkMouth.teeth) must be light, not the mouth's dark")
        #expect(abs(darkMouth.teeth.r - withTeeth.teeth.r) > 5 || abs(darkMouth.teeth.b - withTeeth.teeth.b) > 5)
    }

    @Test func aBlackAndWhitePhotoGetsAGreyMouth() {
        let lm = RigFixture.landmarks(gap: 14)
        let colour = RigFixture.base(gap: 14)
        let grey = Self.toned(colour) { luma in let y = UInt8(luma.rounded()); return (y, y, y) }
        let p = FacePalette(base: grey, landmarks: lm, iod: lm.interocularDistance)
        for c in [p.cavity, p.tongue, p.teeth, p.lip] { #expect(c.r == c.g && c.g == c.b, "\(c)") }
        let tinted = FacePalette(base: colour, landmarks: lm, iod: lm.interocularDistance)
        #expect(tinted.cavity.r > tinted.cavity.g + 1)  // colour photos keep their warm mouth
        #expect(FacePalette.saturation(tinted.skin) > 0.2, "the fixture's skin \(tinted.skin) must count as colour")
    }

    /// A grey-toned photo (glasses_face.jpg: grey with a faint blue cast, channels 5 apart) is not exactly grey, but
    /// the mouth synthesised for it must be: warm teeth stood out as yellow in it.
    @Test func aGreyTonedPhotoGetsAGreyMouth() {
        let lm = RigFixture.landmarks(gap: 14)
        let toned = Self.toned(RigFixture.base(gap: 14)) { luma in
            let y = min(luma, 250)
            return (UInt8(y.rounded()), UInt8((y + 1).rounded()), UInt8((y + 5).rounded()))
        }
        let p = FacePalette(base: toned, landmarks: lm, iod: lm.interocularDistance)
        #expect(!p.showsTeeth)
        for c in [p.cavity, p.tongue, p.teeth] {
            #expect(FacePalette.saturation(c) < 0.01, "\(c)")
        }
        #expect(FacePalette.saturation(p.lip) > 0.02)  // the photo's own colours are kept as they are
    }
}

