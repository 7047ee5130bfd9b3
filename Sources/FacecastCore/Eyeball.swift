/// What one eye of the photo shows between its lids, found once per renderer so gaze can move it: the iris (the
/// darkest disc in the opening, against the ring around it) and the colour of the sclera, for filling what a
/// moved iris uncovers where the photo shows too little sclera to stretch.
struct Eyeball: Sendable {
    /// Eye corners in the photo, image-left then image-right (36, 39 or 42, 45).
    let cornerL: Point
    let cornerR: Point
    /// Iris centre and radius in the photo (the disc may reach under the lids).
    let center: Point
    let radius: Double
    /// Mean opening height between the two lid landmark pairs in the photo.
    let openHeight: Double
    let sclera: RGBf

    /// Upper and lower lid contours sharing their end points, monotone in x: Catmull-Rom curves through the
    /// landmarks (a lid is an arc; the straight landmark segments cut off the opening near the corners).
    static func opening(_ points: [Point], eye k: Int) -> (upper: [Point], lower: [Point]) {
        let eye = EyeLayout.both[k]
        let upper = Slit.monotone(curve(eye.upper.map { points[$0] }))
        var lower = eye.lower.map { points[$0] }
        lower[0] = upper[0]
        lower[lower.count - 1] = upper[upper.count - 1]
        return (upper, Slit.monotone(curve(lower)))
    }

    /// Mean height of an opening at its two upper-lid landmarks.
    static func height(_ upper: [Point], _ lower: [Point]) -> Double {
        [4, 8].map { Slit.y(lower, at: upper[$0].x) - upper[$0].y }.reduce(0, +) / 2
    }

    /// Catmull-Rom spline through `p` (end points repeated), 4 pieces per span.
    static func curve(_ p: [Point]) -> [Point] {
        var out = [p[0]]
        for i in 0..<(p.count - 1) {
            let a = p[max(i - 1, 0)], b = p[i], c = p[i + 1], d = p[min(i + 2, p.count - 1)]
            for s in 1...4 {
                let t = Double(s) / 4, t2 = t * t, t3 = t2 * t
                let q = 0.5 * ((2 * b.x) + (c.x - a.x) * t + (2 * a.x - 5 * b.x + 4 * c.x - d.x) * t2
                    + (3 * b.x - a.x - 3 * c.x + d.x) * t3)
                let r = 0.5 * ((2 * b.y) + (c.y - a.y) * t + (2 * a.y - 5 * b.y + 4 * c.y - d.y) * t2
                    + (3 * b.y - a.y - 3 * c.y + d.y) * t3)
                out.append(s == 4 ? c : Point(q, r))
            }
        }
        return out
    }

    /// nil when the opening is too small or shows no iris (closed eyes, dark glasses, a tiny face).
    /// `fallbackSclera`: used when too little sclera is visible to sample.
    init?(base: RGBImage, points: [Point], eye k: Int, fallbackSclera: RGBf) {
        let (upper, lower) = Self.opening(points, eye: k)
        let xl = upper[0].x, xr = upper[upper.count - 1].x
        let width = xr - xl
        let height = Self.height(upper, lower)
        guard width >= 8, height >= 2 else { return nil }

        // The opening's pixels: position, colour, luma, depth inside the lids.
        struct Px { var x, y, luma, depth: Double; var c: RGBf }
        var pxs = [Px]()
        let iStart = max(0, Int(xl.rounded(.up))), iEnd = min(base.width - 1, Int(xr.rounded(.down)))
        guard iStart <= iEnd else { return nil }
        for i in iStart...iEnd {
            let x = Double(i)
            let yu = Slit.y(upper, at: x), yl = Slit.y(lower, at: x)
            let jStart = max(0, Int(yu.rounded(.up))), jEnd = min(base.height - 1, Int(yl.rounded(.down)))
            guard jStart <= jEnd else { continue }
            for j in jStart...jEnd {
                let y = Double(j)
                let depth = min(y - yu, yl - y)
                guard depth > 0 else { continue }
                let p = base[i, j]
                let c = RGBf(Double(p.0), Double(p.1), Double(p.2))
                pxs.append(Px(x: x, y: y, luma: c.luma, depth: depth, c: c))
            }
        }
        guard pxs.count >= 12 else { return nil }

        // Darkest disc against its surrounding ring. An iris is ~12 mm across and the eye opening ~30 mm, so its
        // radius is about 0.2 of the eye width (searched over 0.16–0.26: a smaller dark disc fits the pupil or a
        // shadow better); it nearly spans the opening's height, its centre near the opening's middle.
        let step = max(0.5, width / 60)
        let rMin = max(0.16 * width, 0.4 * height), rMax = max(0.26 * width, rMin)
        var best = (score: Double.infinity, x: 0.0, y: 0.0, r: 0.0)
        var r = rMin
        while r <= rMax + 1e-9 {
            let ring = r + max(1.5, 0.35 * r)
            var cx = xl + 0.1 * width
            while cx <= xr - 0.1 * width {
                let yu = Slit.y(upper, at: cx), yl = Slit.y(lower, at: cx)
                let mid = (yu + yl) / 2, h = yl - yu
                var cy = mid - 0.25 * h
                while cy <= mid + 0.25 * h {
                    var sumIn = 0.0, nIn = 0.0, sumRing = 0.0, nRing = 0.0
                    for p in pxs {
                        let dx = p.x - cx, dy = p.y - cy
                        let d2 = dx * dx + dy * dy
                        if d2 < r * r {
                            sumIn += p.luma; nIn += 1
                        } else if d2 < ring * ring {
                            sumRing += p.luma; nRing += 1
                        }
                    }
                    if nIn >= 4 && nRing >= 3 {
                        let score = sumIn / nIn - sumRing / nRing
                        if score < best.score { best = (score, cx, cy, r) }
                    }
                    cy += step
                }
                cx += step
            }
            r += step
        }
        // A visible iris is clearly darker than what surrounds it.
        guard best.score < -12 else { return nil }

        let c = Point(best.x, best.y)
        var outside = pxs.filter { Point($0.x, $0.y).distance(to: c) > best.r + 1 && $0.depth >= 1 }
        // The sclera: the brightest eighth of what lies outside the iris, away from the lash lines (the rest is
        // lid shadow, corners and skin).
        outside.sort { $0.luma > $1.luma }
        let bright = outside.prefix(max(outside.count / 8, min(outside.count, 3)))
        if outside.count >= 4 {
            sclera = bright.reduce(RGBf(0, 0, 0)) { $0 + $1.c } * (1 / Double(bright.count))
        } else {
            sclera = fallbackSclera
        }
        cornerL = upper[0]
        cornerR = upper[upper.count - 1]
        center = c
        radius = best.r
        openHeight = height
    }
}
