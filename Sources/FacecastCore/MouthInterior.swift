/// The synthesised inside of the mouth, painted between the deformed inner-lip contours: a dark cavity with
/// soft vertical shading, upper teeth hanging from the skull-fixed lip line (the photo's own, when it shows
/// them: see `PhotoMouth`), lower teeth riding on the lower lip when the jaw is well open, and a tongue that
/// rises behind the upper teeth with `tongueUp`.
///
/// Anti-aliasing is exact box-filter coverage per column: the lips part vertically, so each pixel's coverage
/// is the overlap of its vertical extent with the gap [upper(x), lower(x)]. A zero gap paints nothing.
struct MouthInterior {
    /// Inner-lip contours after deformation, left to right (60…64 and 60, 67…64).
    var upper: [Point]
    var lower: [Point]
    /// Upper inner-lip contour with the mouth closed (same head pose): where the upper teeth hang from.
    var closedUpper: [Point]
    var iod: Double
    var jawOpen: Double
    var tongueUp: Double
    var palette: FacePalette
    /// The photo's own mouth, when it was photographed open: its teeth are shown instead of synthesised ones.
    var photo: PhotoMouth?

    init(upper: [Point], lower: [Point], closedUpper: [Point], iod: Double, jawOpen: Double, tongueUp: Double,
         palette: FacePalette, photo: PhotoMouth? = nil) {
        self.upper = Slit.monotone(upper)
        var lo = Slit.monotone(lower)
        lo[0] = self.upper[0]
        lo[lo.count - 1] = self.upper[self.upper.count - 1]
        self.lower = Slit.monotone(lo)
        self.closedUpper = Slit.monotone(closedUpper)
        self.iod = iod
        self.jawOpen = jawOpen
        self.tongueUp = min(max(tongueUp, 0), 1)
        self.palette = palette
        self.photo = photo
    }

    /// Largest vertical gap at the landmark columns.
    var maxGap: Double {
        (1..<(upper.count - 1)).map { Slit.y(lower, at: upper[$0].x) - upper[$0].y }.max() ?? 0
    }

    /// Tooth boundaries, as offsets from the mouth centre in fractions of the mouth width.
    private static let toothEdges: [Double] = [0, 0.09, -0.09, 0.17, -0.17, 0.24, -0.24, 0.31, -0.31, 0.37, -0.37]

    func paint(into pixels: UnsafeMutableBufferPointer<UInt8>, width: Int, height: Int) {
        guard maxGap > 0.02 else { return }
        let xl = upper[0].x, xr = upper[upper.count - 1].x
        let mouthW = max(xr - xl, 1)
        let teethLen = 0.07 * iod
        let lowerVis = 0.05 * iod * Ease.smooth(0.4, 0.95, jawOpen)
        let pal = palette
        let iStart = max(0, Int(xl.rounded(.up))), iEnd = min(width - 1, Int(xr.rounded(.down)))
        guard iStart <= iEnd else { return }
        for i in iStart...iEnd {
            let x = Double(i)
            let yu = Slit.y(upper, at: x), yl = Slit.y(lower, at: x)
            let gap = yl - yu
            if gap < 0.02 { continue }
            // Lips barely apart show a dark line, not teeth: teeth squeezed into a gap of a pixel or two would
            // speckle it black and white. They fade in as the gap opens to 0.05 eye distances.
            let teethShown = Ease.smooth(max(0.5, 0.015 * iod), max(2.5, 0.05 * iod), gap)
            let ut = (x - xl) / mouthW
            let across = 4 * ut * (1 - ut)  // 1 at the centre, 0 at the corners
            let column = photo?.column(at: ut, mouthWidth: mouthW, gap: gap)
            let teethBottom = Slit.y(closedUpper, at: x) + teethLen * (0.55 + 0.45 * across)
            let lowerTop = yl - lowerVis * (0.5 + 0.5 * across)
            // Tongue: a dome low in the mouth, its tip rising to the upper teeth with tongueUp.
            let half = 0.38 - 0.12 * tongueUp
            let d = (ut - 0.5) / half
            let dome = d * d < 1 ? (1 - d * d).squareRoot() : 0
            let raised = max(yl - teethBottom + 0.5, 0)
            let tongueH = dome * (0.3 * gap + (raised - 0.3 * gap) * tongueUp)
            let tongueTop = yl - tongueH
            // Tooth separations: faint darker lines.
            var sepDist = Double.infinity
            for e in Self.toothEdges { sepDist = min(sepDist, abs(ut - 0.5 - e) * mouthW) }
            let separation = 1 - 0.2 * max(0, 1 - sepDist / 0.9)
            let upperWidth = min(max((0.44 - abs(ut - 0.5)) * mouthW / 1.5 + 0.5, 0), 1)
            let lowerWidth = min(max((0.36 - abs(ut - 0.5)) * mouthW / 1.5 + 0.5, 0), 1)

            let jStart = max(0, Int((yu - 0.5).rounded(.up))), jEnd = min(height - 1, Int((yl + 0.5).rounded(.down)))
            guard jStart <= jEnd else { continue }
            for j in jStart...jEnd {
                let y = Double(j)
                let cov = min(min(y + 0.5, yl) - max(y - 0.5, yu), 1)
                if cov <= 0 { continue }
                let t = min(max((y - yu) / gap, 0), 1)
                var c = pal.cavity * ((1 - 0.45 * 4 * t * (1 - t)) * (0.65 + 0.35 * across))
                if tongueH > 0 {
                    let a = min(max(y - tongueTop + 0.5, 0), 1)
                    if a > 0 {
                        let shade = 1 - 0.3 * min(max((y - tongueTop) / (tongueH + 1), 0), 1)
                        c = RGBf.mix(c, pal.tongue * (shade * (0.75 + 0.25 * across)), a)
                    }
                }
                if lowerVis > 0.05 {
                    let a = min(max(y - lowerTop + 0.5, 0), 1) * lowerWidth * teethShown
                    if a > 0 { c = RGBf.mix(c, pal.teeth * (0.72 * separation * (0.7 + 0.3 * across)), a) }
                }
                // Synthesised upper teeth only where the photo lends none of its own.
                let a = column == nil ? min(max(teethBottom - y + 0.5, 0), 1) * upperWidth * teethShown : 0
                if a > 0 {
                    let lipShadow = 0.8 + 0.2 * min(max((y - yu) / 2, 0), 1)
                    let edge = 0.9 + 0.1 * min(max((teethBottom - y) / 2, 0), 1)
                    let side = 0.7 + 0.3 * across.squareRoot()
                    c = RGBf.mix(c, pal.teeth * (lipShadow * edge * side * separation), a)
                }
                if let column, let (shown, a) = column.sample(rowsBelowLip: y - yu) {
                    c = RGBf.mix(c, shown, a * teethShown)
                }
                c.blend(into: pixels, at: (j * width + i) * 3, coverage: cov)
            }
        }
    }
}

extension MouthInterior {
    /// Where the source photo's lips were apart and the warp has pressed them together, the squeezed rows of
    /// teeth and cavity would show as a speckled line: draw a soft lip seam over them instead. A faint one (three
    /// quarters of the lip's colour, 1.4 px wide): real lips meet in a soft shadow, and dlib read astronaut's
    /// closed smile as less like her with the darker, wider seam it had before (identity 0.39–0.40 there, 0.33–0.37 now).
    func paintSeam(strength: Double, into pixels: UnsafeMutableBufferPointer<UInt8>, width: Int, height: Int) {
        guard strength > 0 else { return }
        let xl = upper[0].x, xr = upper[upper.count - 1].x
        let seam = palette.lip * 0.75
        let iStart = max(0, Int(xl.rounded(.up))), iEnd = min(width - 1, Int(xr.rounded(.down)))
        guard iStart <= iEnd else { return }
        for i in iStart...iEnd {
            let x = Double(i)
            let yu = Slit.y(upper, at: x), yl = Slit.y(lower, at: x)
            let top = min(yu, yl) - 0.7, bottom = max(yu, yl) + 0.7
            let ends = min(max(min(x - xl, xr - x) / 3, 0), 1)
            let jStart = max(0, Int((top - 0.5).rounded(.up))), jEnd = min(height - 1, Int((bottom + 0.5).rounded(.down)))
            guard jStart <= jEnd else { continue }
            for j in jStart...jEnd {
                let y = Double(j)
                let cov = min(min(y + 0.5, bottom) - max(y - 0.5, top), 1)
                if cov <= 0 { continue }
                let a = cov * strength * (0.5 + 0.5 * ends)
                seam.blend(into: pixels, at: (j * width + i) * 3, coverage: a)
            }
        }
    }
}

extension FaceRenderer {
    func paintMouth(_ params: RigParams, pose: FramePose, landmarks lm: [Point], into pixels: inout [UInt8]) {
        // Largest gap between facing inner-lip landmarks.
        func gapOf(_ p: [Point]) -> Double { max(p[67].y - p[61].y, p[66].y - p[62].y, p[65].y - p[63].y) }
        let gap = gapOf(lm)
        let seam = gapOf(rig.landmarks.points) > 1 ? 1 - Ease.smooth(0, 2, gap) : 0
        // Cheap early out: lips together.
        guard gap > 0.02 || seam > 0 else { return }
        var closed = pose
        for b in [RigBasis.jaw, .raise, .press, .tuckOuter, .tuckInner] { closed.weights[b.rawValue] = 0 }
        closed.weights[RigBasis.close.rawValue] = 1
        closed.weights[RigBasis.closeUpper.rawValue] = 1
        let (upper, lower) = MouthInterior.innerLips(lm)
        let interior = MouthInterior(
            upper: upper, lower: lower, closedUpper: MouthInterior.innerLips(rig.meshLandmarks(closed)).upper, iod: rig.frame.iod,
            jawOpen: Double(pose.jaw), tongueUp: params.tongueUp, palette: palette, photo: photoMouth)
        let (w, h) = (base.width, base.height)
        pixels.withUnsafeMutableBufferPointer {
            interior.paint(into: $0, width: w, height: h)
            interior.paintSeam(strength: seam, into: $0, width: w, height: h)
        }
    }
}

extension MouthInterior {
    /// A teeth smile's corner shadow is filled from this area (in eye distances squared) on: see `fillCornerShadow`.
    static let cornerShadowArea = 0.009

    /// Above this luma a pixel by a lip of luma `lip` is teeth: 30 % of the way from the lip to white.
    static func teethLuma(lip: Double) -> Double { lip + 0.3 * (255 - lip) }

    /// The inner-lip contours of 68 landmarks (60…64 above, 60, 67…64 below), monotone in x.
    static func innerLips(_ p: [Point]) -> (upper: [Point], lower: [Point]) {
        (Slit.monotone([p[60], p[61], p[62], p[63], p[64]]), Slit.monotone([p[60], p[67], p[66], p[65], p[64]]))
    }

    /// The outer-lip contours (48…54 above, 48, 59…55, 54 below), monotone in x.
    static func outerLips(_ p: [Point]) -> (upper: [Point], lower: [Point]) {
        (Slit.monotone([p[48], p[49], p[50], p[51], p[52], p[53], p[54]]),
         Slit.monotone([p[48], p[59], p[58], p[57], p[56], p[55], p[54]]))
    }

    /// The photo with the gap between its inner lips (teeth, cavity) filled with lip: each column above the line
    /// where the closed lips meet (`RigControls.lipMeet` down the gap, as `RigBasis.close` puts it) repeats the upper lip's colour
    /// from just above the gap, each column below it the lower lip's from just below. The warp samples this
    /// instead of the photo, so when the rig presses a parted mouth shut the squeezed rows show lip, not a
    /// speckled line of teeth and shadow. Wherever the lips are apart the interior is painted over the gap anyway.
    ///
    /// dlib's inner-lip points are straight chords a pixel or two off the real edge, and near the corners teeth
    /// bulge past them: from the landmark gap the fill grows up and down through pixels much brighter than the
    /// middle of that lip (teeth; never past the lip's middle or 3 margins), then `margin` (1.2% of the eye
    /// distance, at least 1 px) further. Dark pixels (shadow, a moustache) stop it: a darker seam looks natural,
    /// and growing through them went wrong on a moustache.
    ///
    /// `closing`: with `corners`, the same picture with the cavity's dark and teeth near the corners, outside the
    /// landmarks, filled too (`fillCornerShadow`); nil when there is none. nil when the photo's lips are closed.
    static func lipFilled(_ base: RGBImage, landmarks p: [Point], iod: Double,
                          corners: Bool = false) -> (parted: RGBImage, closing: RGBImage?)? {
        let margin = max(1, 0.012 * iod)
        let (upper, lower) = innerLips(p)
        let (outerUpper, outerLower) = outerLips(p)
        let xl = upper[0].x, xr = upper[upper.count - 1].x
        let iStart = max(0, Int(xl.rounded(.up))), iEnd = min(base.width - 1, Int(xr.rounded(.down)))
        guard iStart <= iEnd, (iStart...iEnd).contains(where: { Slit.y(lower, at: Double($0)) - Slit.y(upper, at: Double($0)) > 1 })
        else { return nil }
        var out = base
        let (w, h) = (base.width, base.height)
        func luma(_ i: Int, _ j: Int) -> Double { RGBf(base, x: min(max(i, 0), w - 1), y: min(max(j, 0), h - 1)).luma }
        func teeth(_ l: Double, lip: Double) -> Bool { l > teethLuma(lip: lip) }
        // Each lip's luma: the median over the mouth's columns of the middle of the lip (robust to the few columns
        // near the corners where the lip is thinner than the teeth that bulge into it).
        func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
        let columns = Array(iStart...iEnd).map(Double.init)
        let lipU = median(columns.map { x in luma(Int(x), Int(((Slit.y(outerUpper, at: x) + Slit.y(upper, at: x)) / 2).rounded())) })
        let lipL = median(columns.map { x in luma(Int(x), Int(((Slit.y(outerLower, at: x) + Slit.y(lower, at: x)) / 2).rounded())) })
        out.pixels.withUnsafeMutableBufferPointer { dst in
            for i in iStart...iEnd {
                let x = Double(i)
                let (gapTop, gapBottom) = (Slit.y(upper, at: x), Slit.y(lower, at: x))
                guard gapBottom - gapTop > 0.02 else { continue }
                let ou = Slit.y(outerUpper, at: x), ol = Slit.y(outerLower, at: x)
                // Grow through teeth the landmarks left out, never past the lip's middle or 3 margins.
                var (yu, yl) = (gapTop, gapBottom)
                let (limitU, limitL) = (max((ou + yu) / 2, yu - 3 * margin), min((ol + yl) / 2, yl + 3 * margin))
                var j = Int(yu.rounded(.down))
                while Double(j) > limitU, teeth(luma(i, j), lip: lipU) { yu = Double(j) - 0.5; j -= 1 }
                j = Int(yl.rounded(.up))
                while Double(j) < limitL, teeth(luma(i, j), lip: lipL) { yl = Double(j) + 0.5; j += 1 }
                // Inside each lip, a third of the way to its outer edge (0.7–2 px past the margin).
                let du = min(max(0.3 * (yu - ou), 0.7), 2)
                let dl = min(max(0.3 * (ol - yl), 0.7), 2)
                // Whole 8-bit values, as the photo's own pixels are.
                func lip(_ y: Double) -> RGBf { let c = RGBf.bilinear(base, x, y); return RGBf(c.r.rounded(), c.g.rounded(), c.b.rounded()) }
                let upLip = lip(yu - margin - du), loLip = lip(yl + margin + dl)
                let meet = gapTop + RigControls.lipMeet * (gapBottom - gapTop)
                let jStart = max(0, Int((yu - margin - 0.5).rounded(.up)))
                let jEnd = min(h - 1, Int((yl + margin + 0.5).rounded(.down)))
                guard jStart <= jEnd else { continue }
                for j in jStart...jEnd {
                    let t = min(max(Double(j) - meet + 0.5, 0), 1)  // 0 above the meeting line, 1 below
                    RGBf.mix(upLip, loLip, t).store(into: dst, at: (j * w + i) * 3)
                }
            }
        }
        var closing = out
        guard corners, fillCornerShadow(&closing, base: base, landmarks: p, margin: margin, iod: iod, lipU: lipU, lipL: lipL)
        else { return (out, nil) }
        return (out, closing)
    }

    /// The dark of the mouth's cavity near each corner, where dlib's inner and outer corner points both sit inside
    /// it: a mouth pressed shut otherwise shows a dark wedge at the corner (head_turned: 5 px above the 63–64
    /// chord and on past point 54). From the cavity pixels between the inner chords near the corners, this grows
    /// (4-connected) through pixels nearly as dark as the cavity, and through teeth, within the mouth's box widened
    /// by a tenth of its width at each end, then one pixel further where that pixel is still well darker than the
    /// lips (the shadow's soft edge), and paints each column's run with the photo's colour just above it (above the
    /// line where the lips meet) or just below it (a margin away, from the picture as the lips' fill left it).
    ///
    /// Two kinds of mouth qualify:
    /// - a dark one: its cavity (the 10th percentile of the pixels between the chords) under half the lips' luma;
    ///   "nearly as dark" is then within a quarter of the way from the cavity to the lips, and never above half
    ///   the lips' (a dark lip or a moustache is not cavity);
    /// - a smile that shows its teeth (a fifth of the pixels between the chords or more) and, at a corner, a
    ///   shadow under half the lips' luma covering at least `cornerShadowArea` eye distances squared (the rig's eye
    ///   distance, between the eyes' centres). There the closed lips showed the corner's cavity as a dark slot with a
    ///   line of teeth in it (frontal_face: 0.010–0.012), or the teeth that reach past dlib's corner points
    ///   (edge_face_right: 0.013–0.017). A small face's few dark pixels at the corners are the mouth's own corner
    ///   shadow and stay (astronaut: 0.002–0.007; filling them moved its identity mean by +0.004 to +0.015).
    /// Teeth: above the teeth threshold (`teethLuma`) in a grey photo, and above the lips' meeting line only (a
    /// lower lip's highlight is as bright); in a colour photo, at least 0.8 of the lips' luma with under half the
    /// lip's saturation, so shadowed teeth count and the cheek beside the corner does not.
    /// Whether it filled anything.
    static func fillCornerShadow(_ out: inout RGBImage, base: RGBImage, landmarks p: [Point], margin: Double, iod: Double,
                                 lipU: Double, lipL: Double) -> Bool {
        let lipLuma = min(lipU, lipL), teethAbove = teethLuma(lip: lipU)
        let (w, h) = (base.width, base.height)
        let (upper, lower) = innerLips(p)
        let outerUpper = outerLips(p).upper
        let xl = upper[0].x, xr = upper[upper.count - 1].x
        let inner = Array(max(0, Int(xl.rounded(.up)))...min(w - 1, Int(xr.rounded(.down))))
        func luma(_ i: Int, _ j: Int) -> Double { RGBf(base, x: i, y: j).luma }
        // The pixels between the chords.
        var gap = [RGBf]()
        for i in inner {
            let x = Double(i)
            let (top, bottom) = (Slit.y(upper, at: x), Slit.y(lower, at: x))
            guard bottom - top > 1 else { continue }
            for j in max(0, Int(top.rounded(.up)))...min(h - 1, Int(bottom.rounded(.down))) { gap.append(RGBf(base, x: i, y: j)) }
        }
        guard gap.count >= 8 else { return false }
        // The line where the closed lips meet: `lipMeet` down the gap between the inner corners, on to the outer ones.
        func meetY(_ x: Double) -> Double {
            if x < xl { return Slit.y([p[48], p[60]], at: x) }
            if x > xr { return Slit.y([p[64], p[54]], at: x) }
            let top = Slit.y(upper, at: x)
            return top + RigControls.lipMeet * max(Slit.y(lower, at: x) - top, 0)
        }
        let lipSaturation = QualitySignals.median(inner.map { i in
            let x = Double(i), y = (Slit.y(outerUpper, at: x) + Slit.y(upper, at: x)) / 2
            return InnerLipRefinement.saturation(RGBf(base, x: i, y: min(max(Int(y.rounded()), 0), h - 1)))
        })
        let colour = lipSaturation >= 0.15
        func toothColour(_ c: RGBf) -> Bool {
            colour ? c.luma > 0.8 * lipLuma && InnerLipRefinement.saturation(c) < 0.5 * lipSaturation : c.luma > teethAbove
        }
        let cavity = gap.map(\.luma).sorted()[gap.count / 10]
        let dark: Double, teethSmile: Bool
        if cavity < 0.5 * lipLuma {
            (dark, teethSmile) = (min(cavity + 0.25 * (lipLuma - cavity), 0.5 * lipLuma), false)
        } else if Double(gap.filter(toothColour).count) >= 0.2 * Double(gap.count) {
            (dark, teethSmile) = (0.5 * lipLuma, true)
        } else {
            return false
        }
        func opening(_ i: Int, _ j: Int) -> Bool {
            let c = RGBf(base, x: i, y: j)
            return c.luma < dark || ((colour || Double(j) < meetY(Double(i))) && toothColour(c))
        }
        let outer = Array(p[48...59])
        let pad = 0.1 * (p[54].x - p[48].x)
        let rowLo = max(0, Int((outer.map(\.y).min()!).rounded(.down))), rowHi = min(h - 1, Int((outer.map(\.y).max()!).rounded(.up)))
        var filledAny = false
        for (from, to) in [(p[48].x - pad, p[61].x), (p[63].x, p[54].x + pad)] {
            let iStart = max(0, Int(from.rounded(.up))), iEnd = min(w - 1, Int(to.rounded(.down)))
            guard iStart < iEnd, rowLo < rowHi else { continue }
            if teethSmile {
                var shadow = 0
                for j in rowLo...rowHi { for i in iStart...iEnd where luma(i, j) < dark { shadow += 1 } }
                guard Double(shadow) >= cornerShadowArea * iod * iod else { continue }
            }
            let cols = iEnd - iStart + 1
            var filled = [Bool](repeating: false, count: cols * (rowHi - rowLo + 1))
            @inline(__always) func key(_ i: Int, _ j: Int) -> Int { (j - rowLo) * cols + (i - iStart) }
            var queue = [(Int, Int)]()
            // Seeds: dark pixels and teeth between the chords, and on the meeting line past the inner corners.
            for i in iStart...iEnd {
                let x = Double(i)
                let span = x >= xl && x <= xr ? (Slit.y(upper, at: x), max(Slit.y(upper, at: x), Slit.y(lower, at: x)))
                    : (meetY(x), meetY(x))
                let jFrom = max(rowLo, Int((span.0 - 0.5).rounded(.up))), jTo = min(rowHi, Int((span.1 + 0.5).rounded(.down)))
                guard jFrom <= jTo else { continue }
                for j in jFrom...jTo where opening(i, j) && !filled[key(i, j)] {
                    filled[key(i, j)] = true
                    queue.append((i, j))
                }
            }
            filledAny = filledAny || !queue.isEmpty
            while let (i, j) = queue.popLast() {
                for (ni, nj) in [(i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1)]
                where ni >= iStart && ni <= iEnd && nj >= rowLo && nj <= rowHi && !filled[key(ni, nj)] && opening(ni, nj) {
                    filled[key(ni, nj)] = true
                    queue.append((ni, nj))
                }
            }
            // The shadow's soft edge: one pixel around the fill that is still well darker than the lips.
            let grown = filled
            for j in rowLo...rowHi {
                for i in iStart...iEnd where !grown[key(i, j)] && luma(i, j) < 0.75 * lipLuma {
                    if (i > iStart && grown[key(i - 1, j)]) || (i < iEnd && grown[key(i + 1, j)])
                        || (j > rowLo && grown[key(i, j - 1)]) || (j < rowHi && grown[key(i, j + 1)]) { filled[key(i, j)] = true }
                }
            }
            let reach = Int(margin.rounded(.up))
            out.pixels.withUnsafeMutableBufferPointer { dst in
                for i in iStart...iEnd {
                    let meet = meetY(Double(i))
                    var j = rowLo
                    while j <= rowHi {
                        guard filled[key(i, j)] else { j += 1; continue }
                        var end = j
                        while end + 1 <= rowHi && filled[key(i, end + 1)] { end += 1 }
                        // From the picture being filled: where the lips' fill already covered teeth, its lip colour.
                        let up = RGBf(dst, at: (max(0, j - 1 - reach) * w + i) * 3)
                        let down = RGBf(dst, at: (min(h - 1, end + 1 + reach) * w + i) * 3)
                        for k in j...end {
                            let t = min(max(Double(k) - meet + 0.5, 0), 1)
                            RGBf.mix(up, down, t).store(into: dst, at: (k * w + i) * 3)
                        }
                        j = end + 1
                    }
                }
            }
        }
        return filledAny
    }
}

/// The inside of the mouth as the photo shows it, for a photo taken with the lips apart: its upper teeth hang
/// from the upper lip (they move with the skull), so a frame shows the photo's interior row for row below its
/// upper inner lip, as far as the photo's own gap reaches, and the lower lip covers the rest. Where the jaw opens
/// wider than in the photo, the bottom of the photo's interior (the lower teeth and lip edge, which belong to the
/// jaw) fades out and the synthesised cavity shows below.
struct PhotoMouth {
    let image: RGBImage
    /// The photo's inner-lip contours (60…64 and 60, 67…64), monotone in x.
    let upper: [Point]
    let lower: [Point]

    /// nil when the photo's lips are (nearly) closed: less than 0.04 eye distances apart.
    init?(image: RGBImage, landmarks p: [Point], iod: Double) {
        let (upper, lower) = MouthInterior.innerLips(p)
        let gap = (1..<4).map { Slit.y(lower, at: upper[$0].x) - upper[$0].y }.max() ?? 0
        guard gap >= 0.04 * iod else { return nil }
        self.image = image
        self.upper = upper
        self.lower = lower
    }

    /// One column of the photo's interior: `ut` across the mouth (0 … 1 corner to corner), for a frame whose
    /// mouth is `mouthWidth` wide and `gap` open there.
    func column(at ut: Double, mouthWidth: Double, gap: Double) -> Column {
        let xl = upper[0].x, xr = upper[upper.count - 1].x
        let x = xl + ut * (xr - xl)
        let top = Slit.y(upper, at: x)
        let scale = (xr - xl) / max(mouthWidth, 1)
        let depth = Slit.y(lower, at: x) - top
        return Column(image: image, x: x, top: top, depth: depth, scale: scale, wider: gap * scale / max(depth, 0.5))
    }

    struct Column {
        let image: RGBImage
        let x: Double, top: Double, depth: Double, scale: Double
        /// The frame's gap over the photo's here (> 1: the jaw is open wider than in the photo).
        let wider: Double

        /// The photo's colour `rowsBelowLip` frame pixels under the upper inner lip, and how much of it to show.
        func sample(rowsBelowLip d: Double) -> (RGBf, Double)? {
            guard depth > 0.5 else { return nil }
            let f = d * scale / depth  // 0 at the photo's upper lip, 1 at its lower lip
            // The last half pixel of the photo's gap is its lower lip's edge; past it there is no photo interior.
            var a = 1 - Ease.smooth(depth - 1, depth - 0.25, d * scale)
            // The lower part belongs to the jaw: it fades as the jaw opens wider than the photo's.
            a *= 1 - Ease.smooth(0.55, 0.9, f) * Ease.smooth(1, 1.3, wider)
            guard a > 0 else { return nil }
            return (RGBf.bilinear(image, x, top + d * scale), a)
        }
    }
}
