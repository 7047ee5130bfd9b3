import RealModule

/// Face-relative measurements the rig derives once from the landmarks: units, ellipses, pivot, depth model.
struct FaceFrame: Sendable {
    let iod: Double
    /// Face ellipse: jaw width across, forehead (a little above the brows) to chin down.
    let center: Point
    let ax: Double
    let ay: Double
    let chin: Point
    /// Neck pivot for head rotation (z towards the viewer, 0 = the head's silhouette plane).
    let pivot: (x: Double, y: Double, z: Double)
    let noseTip: Point
    let noseBridge: Point
    /// Relief of the generic head: (centre, height in iod, radius in iod); negative height = a hollow.
    let relief: [(center: Point, height: Double, sigma: Double)]

    init(_ lm: FaceLandmarks) {
        let p = lm.points
        let iod = max(lm.interocularDistance, 1)
        self.iod = iod
        let browTop = p[17...26].map(\.y).min() ?? p[27].y
        let top = browTop - 0.45 * iod
        chin = p[8]
        let bottom = max(chin.y, top + iod)
        let cx = (p[0].x + p[16].x) / 2
        center = Point(cx, (top + bottom) / 2)
        ax = max(abs(p[16].x - p[0].x) / 2, 0.9 * iod)
        ay = (bottom - top) / 2
        pivot = (cx, bottom + 0.3 * iod, -0.3 * ax)
        noseTip = p[30]
        noseBridge = p[28]
        let eyeR = Point.centroid(Array(p[36...41])), eyeL = Point.centroid(Array(p[42...47]))
        let browR = Point.centroid(Array(p[17...21])), browL = Point.centroid(Array(p[22...26]))
        relief = [
            (browR, 0.2, 0.16), (browL, 0.2, 0.16),  // brow ridges
            (eyeR, -0.12, 0.16), (eyeL, -0.12, 0.16),  // eye sockets
            (Point.lerp(p[2], p[31], 0.45), 0.08, 0.3), (Point.lerp(p[14], p[35], 0.45), 0.08, 0.3),  // cheekbones
            (Point.lerp(p[8], p[57], 0.4), 0.08, 0.22),  // chin
        ]
    }

    /// Elliptical radius about the face ellipse (1 on it).
    @inline(__always) func faceRadius(_ q: Point, sx: Double = 1, sy: Double = 1) -> Double {
        let u = (q.x - center.x) / (ax * sx), v = (q.y - center.y) / (ay * sy)
        return (u * u + v * v).squareRoot()
    }

    /// Where expressions may move things: 1 over the face, 0 beyond the zero-displacement anchors.
    func expressionMask(_ q: Point) -> Double {
        1 - Ease.smooth(1.25, Self.anchorRadius, faceRadius(q))
    }

    /// Radius (in face-ellipse units) of the ring of zero-displacement anchors.
    static let anchorRadius = 1.6

    /// Head + hair + neck: 1 there, fading to 0 on the shoulders and background. The fall-offs are wide (about
    /// an inter-ocular distance) so that the largest head motion the rig renders never folds the skin or
    /// background between the moving head and the still body.
    func headMask(_ q: Point) -> Double {
        let hc = Point(center.x, center.y - 0.1 * ay)
        let u = (q.x - hc.x) / (1.2 * ax), v = (q.y - hc.y) / (1.35 * ay)
        let head = 1 - Ease.smooth(0.95, 1.75, (u * u + v * v).squareRoot())
        let dx = abs(q.x - center.x)
        let across = 1 - Ease.smooth(0.45 * ax, 1.25 * ax, dx)
        let down = 1 - Ease.smooth(chin.y + 0.5 * iod, chin.y + 2.2 * iod, q.y)
        let below = Ease.smooth(center.y - 0.2 * ay, center.y + 0.2 * ay, q.y)
        return max(head, across * down * below)
    }

    /// Chest and shoulders (and the head on them) rise with a breath.
    func breathMask(_ q: Point) -> Double {
        max(headMask(q), Ease.smooth(chin.y + 0.5 * iod, chin.y + 1.5 * iod, q.y))
    }

    /// Depth from a generic head: an ellipsoidal skull with nose, brow-ridge, cheekbone and chin relief and
    /// hollows at the eyes, 0 at the silhouette.
    func depth(_ q: Point) -> Double {
        let u = (q.x - center.x) / (1.1 * ax), v = (q.y - (center.y - 0.1 * ay)) / (1.35 * ay)
        let s = max(0, 1 - (u * u + v * v))
        var z = 0.9 * ax * s * s.squareRoot()
        let sigma2 = 2 * (0.28 * iod) * (0.28 * iod)
        let dt = q - noseTip, db = q - noseBridge
        z += 0.3 * iod * Double.exp(-(dt.x * dt.x + dt.y * dt.y) / sigma2)
        z += 0.12 * iod * Double.exp(-(db.x * db.x + db.y * db.y) / sigma2)
        for r in relief {
            let d = q - r.center, s = r.sigma * iod
            z += r.height * iod * Double.exp(-(d.x * d.x + d.y * d.y) / (2 * s * s))
        }
        return max(z, 0)
    }
}

/// The face's own upright frame: the photo rotated about `origin` by minus the face's roll (the angle of the line
/// between the eyes), so the eyes lie level. The rig builds its expressions, slits and mesh rows in this frame:
/// a face rolled in the photo drops its jaw along its own vertical, and the mesh's rows follow its lip line, so a
/// closing mouth squeezes each mesh column onto one point of the seam instead of shearing columns across it.
/// Positions stay in pixels (a rotation about `origin`); with no roll both maps are the identity.
struct FaceAxes: Sendable {
    let origin: Point
    let cos: Double
    let sin: Double

    init(origin: Point, roll radians: Double) {
        self.origin = origin
        cos = Double.cos(radians)
        sin = Double.sin(radians)
    }

    /// The roll of these landmarks: the line from the right eye's centre to the left's.
    init(origin: Point, landmarks lm: FaceLandmarks) {
        let d = lm.leftEyeCenter - lm.rightEyeCenter
        self.init(origin: origin, roll: d.x == 0 && d.y == 0 ? 0 : Double.atan2(y: d.y, x: d.x))
    }

    /// Photo position -> upright position.
    @inline(__always) func upright(_ p: Point) -> Point {
        let d = p - origin
        return Point(origin.x + cos * d.x + sin * d.y, origin.y - sin * d.x + cos * d.y)
    }

    /// Upright position -> photo position.
    @inline(__always) func photo(_ q: Point) -> Point {
        let d = q - origin
        return Point(origin.x + cos * d.x - sin * d.y, origin.y + sin * d.x + cos * d.y)
    }

    /// An upright displacement as a displacement in the photo.
    @inline(__always) func photoVector(_ v: Point) -> Point {
        Point(cos * v.x - sin * v.y, sin * v.x + cos * v.y)
    }

    func upright(_ lm: FaceLandmarks) -> FaceLandmarks {
        FaceLandmarks(box: Rect.bounding([lm.box.minX, lm.box.maxX].flatMap { x in
            [lm.box.minY, lm.box.maxY].map { upright(Point(x, $0)) }
        }), points: lm.points.map(upright))
    }
}

extension Rig {
    /// Border falloff: exactly 0 within 3% of the crop side from its border, 1 from 15% inwards.
    static func borderFalloff(_ q: Point, crop: Rect) -> Double {
        let d = min(q.x - crop.minX, crop.maxX - q.x, q.y - crop.minY, crop.maxY - q.y)
        return Ease.smooth(0.03 * crop.width, 0.15 * crop.width, d)
    }
}

/// The head-motion weight (head mask × border fall-off) and the depth, sampled on a regular grid over the crop
/// and read back bilinearly: a few multiply-adds instead of square roots and exponentials per moved vertex, and
/// still one continuous function of position, so points an expression brings together turn together.
struct HeadField: Sendable {
    let x0: Float, y0: Float, step: Float
    let n: Int  // samples per side
    let weight: [Float]
    let depth: [Float]

    init(frame: FaceFrame, crop: Rect, cells: Int = 96) {
        n = cells + 1
        step = Float(crop.width / Double(cells))
        x0 = Float(crop.minX)
        y0 = Float(crop.minY)
        var w = [Float](repeating: 0, count: n * n), z = w
        for r in 0..<n {
            for c in 0..<n {
                let q = Point(crop.minX + Double(c) * crop.width / Double(cells), crop.minY + Double(r) * crop.height / Double(cells))
                w[r * n + c] = Float(frame.headMask(q) * Rig.borderFalloff(q, crop: crop))
                z[r * n + c] = Float(frame.depth(q))
            }
        }
        weight = w
        depth = z
    }

    /// (weight, depth) at a canvas point, clamped to the crop.
    @inline(__always) func sample(_ x: Float, _ y: Float) -> (Float, Float) {
        let last = Float(n - 1)
        let fx = min(max((x - x0) / step, 0), last), fy = min(max((y - y0) / step, 0), last)
        let c = min(Int(fx), n - 2), r = min(Int(fy), n - 2)
        let tx = fx - Float(c), ty = fy - Float(r)
        let i = r * n + c
        @inline(__always) func lerp(_ v: [Float]) -> Float {
            let top = v[i] + (v[i + 1] - v[i]) * tx
            let bottom = v[i + n] + (v[i + n + 1] - v[i + n]) * tx
            return top + (bottom - top) * ty
        }
        return (lerp(weight), lerp(depth))
    }
}

enum Ease {
    /// Hermite smoothstep: 0 below `a`, 1 above `b`.
    @inline(__always) static func smooth(_ a: Double, _ b: Double, _ x: Double) -> Double {
        if x <= a { return 0 }
        if x >= b { return 1 }
        let t = (x - a) / (b - a)
        return t * t * (3 - 2 * t)
    }
}

/// A slit in the face (lips, eyelids): an upper and a lower contour of landmarks sharing their end points,
/// left to right. The two layers of a blendshape meet here: the upper layer's field above the slit, the
/// lower layer's below, and across the opening the contours' own (piecewise-linear) displacements
/// interpolated linearly, so the opening can close to nothing without folding.
struct Slit: Sendable {
    let upperIndices: [Int]
    let lowerIndices: [Int]
    let upper: [Point]
    let lower: [Point]
    let minHalf: Double
    let spread: Double
    /// Distance over which a layer's field is pulled onto the contour's exact displacement.
    let reach: Double

    init(upper: [Int], lower: [Int], points: [Point], minHalf: Double = 0.75, spread: Double, reach: Double) {
        precondition(upper.count == lower.count, "a slit pairs each upper point with the lower point facing it")
        upperIndices = upper
        lowerIndices = lower
        // Facing points share a column (their mean x), so the opening closes column by column: a blendshape that
        // moves each upper point onto its partner, straight up or down, squeezes every column of the opening to
        // one point of the seam, and mesh columns (upright, see `FaceAxes`) close without shearing.
        let across = zip(upper, lower).map { (points[$0].x + points[$1].x) / 2 }
        self.upper = Slit.monotone(zip(across, upper).map { Point($0, points[$1].y) })
        self.lower = Slit.monotone(zip(across, lower).map { Point($0, points[$1].y) })
        self.minHalf = minHalf
        self.spread = spread
        self.reach = reach
    }

    /// Force strictly increasing x so the contour is a function of x.
    static func monotone(_ pts: [Point]) -> [Point] {
        var out = pts
        for i in 1..<out.count where out[i].x <= out[i - 1].x {
            out[i].x = out[i - 1].x + 1e-3
        }
        return out
    }

    /// Piecewise-linear y of a monotone contour at x (clamped to its ends).
    @inline(__always) static func y(_ c: [Point], at x: Double) -> Double {
        if x <= c[0].x { return c[0].y }
        for i in 1..<c.count where x <= c[i].x {
            let t = (x - c[i - 1].x) / (c[i].x - c[i - 1].x)
            return c[i - 1].y + t * (c[i].y - c[i - 1].y)
        }
        return c[c.count - 1].y
    }

    /// Piecewise-linear interpolation at x of per-point displacements `d` along a contour.
    static func interpolate(_ c: [Point], _ d: [Point], at x: Double) -> Point {
        if x <= c[0].x { return d[0] }
        for i in 1..<c.count where x <= c[i].x {
            return Point.lerp(d[i - 1], d[i], (x - c[i - 1].x) / (c[i].x - c[i - 1].x))
        }
        return d[d.count - 1]
    }

    enum Region {
        /// Beyond the corners: blend the layers in place with weight `w` on the lower one.
        case beyond(w: Double)
        /// Above the opening, `distance` from its top edge at `edge`; `mid` is the opening's centre line.
        case above(edge: Point, distance: Double, mid: Point)
        case below(edge: Point, distance: Double, mid: Point)
        /// In the opening, `w` of the way from its top edge to its bottom edge.
        case inside(w: Double, mid: Point)
    }

    func region(_ q: Point) -> Region {
        let xl = upper[0].x, xr = upper[upper.count - 1].x
        if q.x < xl || q.x > xr {
            let corner = q.x < xl ? Point.lerp(upper[0], lower[0], 0.5)
                : Point.lerp(upper[upper.count - 1], lower[lower.count - 1], 0.5)
            let half = minHalf + spread * abs(q.x - corner.x)
            return .beyond(w: min(max(0.5 + (q.y - corner.y) / (2 * half), 0), 1))
        }
        let yu = Slit.y(upper, at: q.x), yl = Slit.y(lower, at: q.x)
        let mid = (yu + yl) / 2
        let half = max(abs(yl - yu) / 2, minHalf)
        let top = mid - half, bottom = mid + half
        let m = Point(q.x, mid)
        if q.y <= top { return .above(edge: Point(q.x, top), distance: top - q.y, mid: m) }
        if q.y >= bottom { return .below(edge: Point(q.x, bottom), distance: q.y - bottom, mid: m) }
        return .inside(w: (q.y - top) / (bottom - top), mid: m)
    }
}
