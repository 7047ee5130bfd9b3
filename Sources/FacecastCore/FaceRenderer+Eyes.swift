extension FaceRenderer {
    /// Blinks. The mesh leaves the eye open; here the lids close over it the way real lids do: the skin between
    /// the eye and the brow is pulled down (stretched, and blended as the eye closes towards a smoothed skin colour
    /// running from the band's top to the cheek, so the crease does not land in the middle of the closed eye) and
    /// the lower lid's skin up a little, until they meet just above the lower lid (8 % of the opening up: a real
    /// blink barely moves the lower lid, and at a fifth dlib still read the eye as two-thirds open), along a darkened
    /// lash line. The eyeball is covered, never squeezed; the opening is taken a little larger than the landmarks,
    /// which tend to sit inside the visible lid margins. Columns are independent (the lids move vertically).
    func paintLids(_ pose: FramePose, landmarks lm: [Point], into pixels: inout [UInt8]) {
        let u = rig.frame.iod
        let (width, height) = (base.width, base.height)
        for eye in EyeLayout.both {
            let closure = Double(eye.isLeft ? pose.lidL : pose.lidR)
            if closure <= 0.002 { continue }
            let lid = eye.opening(lm, iod: u)
            let brow = Slit.monotone(eye.brow.map { lm[$0] })
            let lash = max(1.2, 0.07 * u)
            let iStart = max(0, Int(lid.upper[0].x.rounded(.up)))
            let iEnd = min(width - 1, Int(lid.upper[lid.upper.count - 1].x.rounded(.down)))
            guard iStart <= iEnd else { continue }
            var column = [Float](repeating: 0, count: 0)
            pixels.withUnsafeMutableBufferPointer { px in
                // The lid's smooth colour per column runs from the skin just above the stretched band (the colour
                // the lid meets at its top, so no seam) to the skin of the cheek under the lower lid (the lit, convex
                // lower half of a closed lid looks like it), both averaged across neighbouring columns. Blended into
                // the stretched skin as the lid closes, it hides the crease and the brow's shadow that would otherwise
                // be pulled down over the eye (where they read as an open eye, or as a dark ring under a low brow).
                var above = [RGBf](), below = [RGBf]()
                for i in iStart...iEnd {
                    let x = Double(i)
                    let yu = Slit.y(lid.upper, at: x), yl = Slit.y(lid.lower, at: x)
                    let top = yu - Self.lidBandUp(yu: yu, browY: Slit.y(brow, at: x), iod: u)
                    above.append(Self.meanColumn(px, width: width, height: height, x: i, from: top - 2, to: top))
                    below.append(Self.meanColumn(px, width: width, height: height, x: i, from: yl + 0.12 * u, to: yl + 0.22 * u))
                }
                let r = max(1, Int((0.08 * u).rounded()))
                above = Self.boxSmooth(Self.boxSmooth(above, radius: r), radius: r)
                below = Self.boxSmooth(Self.boxSmooth(below, radius: r), radius: r)
                let smoothing = 0.85 * closure
                for i in iStart...iEnd {
                    let x = Double(i)
                    let yu = Slit.y(lid.upper, at: x), yl = Slit.y(lid.lower, at: x)
                    let gap = yl - yu
                    if gap <= 0.05 { continue }
                    let meet = yl - 0.08 * gap
                    let edgeUp = yu + closure * (meet - yu), edgeLo = yl - closure * (yl - meet)
                    // Skin bands that slide: up to just under the brow, and a little below the lower lid.
                    let bandUp = Self.lidBandUp(yu: yu, browY: Slit.y(brow, at: x), iod: u)
                    let bandLo = 0.12 * u
                    let top = yu - bandUp, bottom = yl + bandLo
                    let j0 = max(0, Int(top.rounded(.down))), j1 = min(height - 1, Int(bottom.rounded(.up)))
                    guard j0 < j1 else { continue }
                    // The column as it is now (three channels), so the stretch reads unmodified pixels.
                    column.removeAll(keepingCapacity: true)
                    for j in j0...j1 {
                        let o = (j * width + i) * 3
                        column.append(Float(px[o])); column.append(Float(px[o + 1])); column.append(Float(px[o + 2]))
                    }
                    func sample(_ y: Double, _ ch: Int) -> Double {
                        let f = min(max(y - Double(j0), 0), Double(j1 - j0))
                        let k = min(Int(f), j1 - j0 - 1), t = f - Double(k)
                        return Double(column[k * 3 + ch]) * (1 - t) + Double(column[(k + 1) * 3 + ch]) * t
                    }
                    let darkUp = 0.8 * Ease.smooth(0.2, 0.9, closure), darkLo = 0.4 * Ease.smooth(0.2, 0.9, closure)
                    for j in j0...j1 {
                        let y = Double(j)
                        // Upper lid: rows top…edgeUp show the band top…yu, stretched; the lower lid likewise upwards.
                        // A row holding both edges gets both, each by its coverage.
                        let o = (j * width + i) * 3
                        let coverUp = y >= top ? min(max(edgeUp - (y - 0.5), 0), 1) : 0
                        let coverLo = y <= bottom ? min(max((y + 0.5) - edgeLo, 0), 1) : 0
                        if coverUp <= 0 && coverLo <= 0 { continue }
                        let srcUp = top + (y - top) * bandUp / max(edgeUp - top, 1e-6)
                        let srcLo = bottom - (bottom - y) * bandLo / max(bottom - edgeLo, 1e-6)
                        let shadeUp = 1 - darkUp * max(0, 1 - abs(edgeUp - y) / lash)
                        // How much of the smooth lid colour replaces the stretched texture (its colour equals the
                        // band's top, so it joins there without a seam), fading out towards the corners, where the
                        // lid's skin meets the face's own.
                        let across = (x - lid.upper[0].x) / max(lid.upper[lid.upper.count - 1].x - lid.upper[0].x, 1)
                        let taper = Ease.smooth(0, 0.12, across) * Ease.smooth(0, 0.12, 1 - across)
                        let soft = smoothing * taper
                        let down = Ease.smooth(0, 1, (y - top) / max(edgeUp - top, 1e-6))
                        let lidSkin = above[i - iStart] * (1 - down) + below[i - iStart] * (0.97 * down)
                        let shadeLo = 1 - darkLo * max(0, 1 - abs(y - edgeLo) / lash)
                        for ch in 0..<3 {
                            var v = Double(column[(j - j0) * 3 + ch])
                            if coverUp > 0 {
                                let smooth = ch == 0 ? lidSkin.r : ch == 1 ? lidSkin.g : lidSkin.b
                                let lidValue = sample(srcUp, ch) * (1 - soft) + smooth * soft
                                v += (lidValue * shadeUp - v) * coverUp
                            }
                            if coverLo > 0 { v += (sample(srcLo, ch) * shadeLo - v) * coverLo }
                            px[o + ch] = UInt8(min(max(v + 0.5, 0), 255))
                        }
                    }
                }
            }
        }
    }
}

extension FaceRenderer {
    /// How far above the eye's opening the skin that slides down over it starts: half the way to the brow's skin
    /// (dlib's brow points run through the hair: the skin starts about a seventh of an eye distance below them),
    /// at least 0.04 and at most 0.18 eye distances.
    static func lidBandUp(yu: Double, browY: Double, iod u: Double) -> Double {
        min(max(0.5 * (yu - browY - 0.14 * u), 0.04 * u), 0.18 * u)
    }

    /// Mean colour of column x over rows [from, to] (clamped to the image; at least one row).
    static func meanColumn(_ px: UnsafeMutableBufferPointer<UInt8>, width: Int, height: Int, x: Int,
                           from: Double, to: Double) -> RGBf {
        let j0 = min(max(0, Int(from.rounded())), height - 1), j1 = min(max(j0, Int(to.rounded())), height - 1)
        var sum = RGBf(0, 0, 0)
        for j in j0...j1 { sum = sum + RGBf(px, at: (j * width + x) * 3) }
        return sum * (1 / Double(j1 - j0 + 1))
    }

    /// Moving average over ±radius entries (clamped at the ends).
    static func boxSmooth(_ xs: [RGBf], radius: Int) -> [RGBf] {
        xs.indices.map { k in
            let a = max(0, k - radius), b = min(xs.count - 1, k + radius)
            return xs[a...b].reduce(RGBf(0, 0, 0), +) * (1 / Double(b - a + 1))
        }
    }
}

/// Landmark indices of one eye, and its opening as the lids are drawn.
struct EyeLayout {
    let isLeft: Bool  // the subject's left eye (image right)
    let upper: [Int]  // corner, upper lid, corner (left to right in the image)
    let lower: [Int]
    let brow: [Int]

    static let both = [
        EyeLayout(isLeft: false, upper: [36, 37, 38, 39], lower: [36, 41, 40, 39], brow: [17, 18, 19, 20, 21]),
        EyeLayout(isLeft: true, upper: [42, 43, 44, 45], lower: [42, 47, 46, 45], brow: [22, 23, 24, 25, 26]),
    ]

    /// Upper and lower lid landmarks facing each other (the contours without their shared corners).
    var lidPairs: [(upper: Int, lower: Int)] {
        Array(zip(upper.dropFirst().dropLast(), lower.dropFirst().dropLast()))
    }

    /// The visible opening: dlib's contour widened at the corners and opened a little (lashes and lid margins
    /// lie just outside the landmarks).
    func opening(_ lm: [Point], iod u: Double) -> (upper: [Point], lower: [Point]) {
        var up = upper.map { lm[$0] }, lo = lower.map { lm[$0] }
        let last = up.count - 1
        let widen = 0.04 * u
        up[0].x -= widen
        up[last].x += widen
        lo[0] = up[0]
        lo[last] = up[last]
        for k in 1..<last {
            up[k].y -= 0.05 * u
            lo[k].y += 0.025 * u
        }
        return (Slit.monotone(up), Slit.monotone(lo))
    }
}
