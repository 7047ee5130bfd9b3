/// The synthesised inside of the mouth, painted between the deformed inner-lip contours: a dark cavity with
/// soft vertical shading, upper teeth hanging from the skull-fixed lip line, lower teeth riding on the lower
/// lip when the jaw is well open, and a tongue that rises behind the upper teeth with `tongueUp`.
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

    init(upper: [Point], lower: [Point], closedUpper: [Point], iod: Double, jawOpen: Double, tongueUp: Double,
         palette: FacePalette) {
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
                let a = min(max(teethBottom - y + 0.5, 0), 1) * upperWidth * teethShown
                if a > 0 {
                    let lipShadow = 0.8 + 0.2 * min(max((y - yu) / 2, 0), 1)
                    let edge = 0.9 + 0.1 * min(max((teethBottom - y) / 2, 0), 1)
                    let side = 0.7 + 0.3 * across.squareRoot()
                    c = RGBf.mix(c, pal.teeth * (lipShadow * edge * side * separation), a)
                }
                c.blend(into: pixels, at: (j * width + i) * 3, coverage: cov)
            }
        }
    }
}

extension MouthInterior {
    /// Where the source photo's lips were apart and the warp has pressed them together, the squeezed rows of
    /// teeth and cavity would show as a speckled line: draw a soft lip seam over them instead.
    func paintSeam(strength: Double, into pixels: UnsafeMutableBufferPointer<UInt8>, width: Int, height: Int) {
        guard strength > 0 else { return }
        let xl = upper[0].x, xr = upper[upper.count - 1].x
        let seam = palette.lip * 0.55
        let iStart = max(0, Int(xl.rounded(.up))), iEnd = min(width - 1, Int(xr.rounded(.down)))
        guard iStart <= iEnd else { return }
        for i in iStart...iEnd {
            let x = Double(i)
            let yu = Slit.y(upper, at: x), yl = Slit.y(lower, at: x)
            let top = min(yu, yl) - 0.9, bottom = max(yu, yl) + 0.9
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
        let upper = [lm[60], lm[61], lm[62], lm[63], lm[64]]
        let lower = [lm[60], lm[67], lm[66], lm[65], lm[64]]
        let gap = max(lm[67].y - lm[61].y, lm[66].y - lm[62].y, lm[65].y - lm[63].y)
        let src = rig.landmarks.points
        let sourceGap = max(src[67].y - src[61].y, src[66].y - src[62].y, src[65].y - src[63].y)
        let seam = sourceGap > 1 ? 1 - Ease.smooth(0, 2, gap) : 0
        // Cheap early out: lips together.
        guard gap > 0.02 || seam > 0 else { return }
        var closed = pose
        for b in [RigBasis.jaw, .raise, .press, .tuckOuter, .tuckInner] { closed.weights[b.rawValue] = 0 }
        closed.weights[RigBasis.close.rawValue] = 1
        let cl = rig.meshLandmarks(closed)
        let interior = MouthInterior(
            upper: upper, lower: lower, closedUpper: [cl[60], cl[61], cl[62], cl[63], cl[64]], iod: rig.frame.iod,
            jawOpen: Double(pose.jaw), tongueUp: params.tongueUp, palette: palette)
        let (w, h) = (base.width, base.height)
        pixels.withUnsafeMutableBufferPointer {
            interior.paint(into: $0, width: w, height: h)
            interior.paintSeam(strength: seam, into: $0, width: w, height: h)
        }
    }
}

extension MouthInterior {
    /// The photo with the gap between its inner lips (teeth, cavity) filled with lip: each column above the line
    /// where the closed lips meet (30% down the gap, as `RigBasis.close` puts it) repeats the upper lip's colour
    /// from just above the gap, each column below it the lower lip's from just below. The warp samples this
    /// instead of the photo, so when the rig presses a parted mouth shut the squeezed rows show lip, not a
    /// speckled line of teeth and shadow. Wherever the lips are apart the interior is painted over the gap anyway.
    ///
    /// dlib's inner-lip points are straight chords a pixel or two off the real edge, and near the corners teeth
    /// bulge past them: from the landmark gap the fill grows up and down through pixels much brighter than the
    /// middle of that lip (teeth; never past the lip's middle or 3 margins), then `margin` (1.2% of the eye
    /// distance, at least 1 px) further. Dark pixels (shadow, a moustache) stop it: a darker seam looks natural,
    /// and growing through them went wrong on a moustache. nil when the photo's lips are closed.
    static func lipFilled(_ base: RGBImage, landmarks p: [Point], iod: Double) -> RGBImage? {
        let margin = max(1, 0.012 * iod)
        let upper = Slit.monotone([p[60], p[61], p[62], p[63], p[64]])
        let lower = Slit.monotone([p[60], p[67], p[66], p[65], p[64]])
        let outerUpper = Slit.monotone([p[48], p[49], p[50], p[51], p[52], p[53], p[54]])
        let outerLower = Slit.monotone([p[48], p[59], p[58], p[57], p[56], p[55], p[54]])
        let xl = upper[0].x, xr = upper[upper.count - 1].x
        let iStart = max(0, Int(xl.rounded(.up))), iEnd = min(base.width - 1, Int(xr.rounded(.down)))
        guard iStart <= iEnd, (iStart...iEnd).contains(where: { Slit.y(lower, at: Double($0)) - Slit.y(upper, at: Double($0)) > 1 })
        else { return nil }
        var out = base
        let (w, h) = (base.width, base.height)
        func luma(_ i: Int, _ j: Int) -> Double {
            let px = base[min(max(i, 0), w - 1), min(max(j, 0), h - 1)]
            return 0.299 * Double(px.0) + 0.587 * Double(px.1) + 0.114 * Double(px.2)
        }
        func teeth(_ l: Double, lip: Double) -> Bool { l > lip + 0.3 * (255 - lip) }
        // Each lip's luma: the median over the mouth's columns of the middle of the lip (robust to the few columns
        // near the corners where the lip is thinner than the teeth that bulge into it).
        func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
        let columns = Array(iStart...iEnd).map(Double.init)
        let lipU = median(columns.map { x in luma(Int(x), Int(((Slit.y(outerUpper, at: x) + Slit.y(upper, at: x)) / 2).rounded())) })
        let lipL = median(columns.map { x in luma(Int(x), Int(((Slit.y(outerLower, at: x) + Slit.y(lower, at: x)) / 2).rounded())) })
        base.pixels.withUnsafeBufferPointer { src in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                var up = [UInt8](repeating: 0, count: 3), lo = up
                up.withUnsafeMutableBufferPointer { upBuf in
                lo.withUnsafeMutableBufferPointer { loBuf in
                    for i in iStart...iEnd {
                        let x = Double(i)
                        var yu = Slit.y(upper, at: x), yl = Slit.y(lower, at: x)
                        guard yl - yu > 0.02 else { continue }
                        let ou = Slit.y(outerUpper, at: x), ol = Slit.y(outerLower, at: x)
                        // Grow through teeth and shadow the landmarks left out, never past the lip's middle.
                        let (limitU, limitL) = (max((ou + yu) / 2, yu - 3 * margin), min((ol + yl) / 2, yl + 3 * margin))
                        var j = Int(yu.rounded(.down))
                        while Double(j) > limitU, teeth(luma(i, j), lip: lipU) { yu = Double(j) - 0.5; j -= 1 }
                        j = Int(yl.rounded(.up))
                        while Double(j) < limitL, teeth(luma(i, j), lip: lipL) { yl = Double(j) + 0.5; j += 1 }
                        // Inside each lip, a third of the way to its outer edge (0.7–2 px past the margin).
                        let du = min(max(0.3 * (yu - ou), 0.7), 2)
                        let dl = min(max(0.3 * (ol - yl), 0.7), 2)
                        RGBImage.bilinear(src, w, h, x, yu - margin - du, into: upBuf, at: 0)
                        RGBImage.bilinear(src, w, h, x, yl + margin + dl, into: loBuf, at: 0)
                        let meet = Slit.y(upper, at: x) + 0.3 * (Slit.y(lower, at: x) - Slit.y(upper, at: x))
                        let jStart = max(0, Int((yu - margin - 0.5).rounded(.up)))
                        let jEnd = min(h - 1, Int((yl + margin + 0.5).rounded(.down)))
                        guard jStart <= jEnd else { continue }
                        for j in jStart...jEnd {
                            let t = min(max(Double(j) - meet + 0.5, 0), 1)  // 0 above the meeting line, 1 below
                            let o = (j * w + i) * 3
                            for c in 0..<3 {
                                dst[o + c] = UInt8((Double(upBuf[c]) * (1 - t) + Double(loBuf[c]) * t).rounded())
                            }
                        }
                    }
                }}
            }
        }
        return out
    }
}
