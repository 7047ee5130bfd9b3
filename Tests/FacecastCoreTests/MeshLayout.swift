@testable import FacecastCore

/// Rest-geometry facts about one rig's mesh that the properties need, and the checks on a deformed mesh.
struct MeshLayout: Sendable {
    let rig: Rig
    let columns: Int
    let rows: Int
    let xs: [Double]
    let ys: [Double]
    let restX: [Float]
    let restY: [Float]
    /// Vertices on the crop border or within 3% of the crop side from it.
    let outerBand: [Int]
    /// Per vertex: 0 outside any opening, else 1 mouth, 2 right eye, 3 left eye (inside the rest contour of
    /// the inner lips or of an eye, or within 1 px of it).
    let opening: [UInt8]
    /// Non-zero within `featureZone` inter-ocular distances of an opening's rest contour, where the slits'
    /// layers meet and steep gradients are by design.
    let nearOpening: [UInt8]
    static let featureZone = 0.25
    let iod: Double
    /// Per cell (row-major, (rows - 1) x (columns - 1)): rest area, and bit 0/1 set when its upper/lower triangle
    /// has two corners in one opening (a closing slit squeezes it to a zero-area sliver by design).
    let cellArea: [Double]
    let sliverCells: [UInt8]
    /// Rest spacing of the columns and rows (last entry unused).
    let gapsX: [Float]
    let gapsY: [Float]

    /// Slivers a closed slit squeezes to zero area may come out this much negative (relative area): Float vertex
    /// positions carry ~3e-5 px of error at 500 px, ~1e-4 of a 1 x 3 px cell (measured worst without head
    /// motion: 2e-4); with head motion, the two lips' coincident points get their depth from a first-order
    /// estimate and a head pitch of 8-9° flips the zero-area sliver by up to 1.7e-3 (a thousandth of a pixel
    /// across). Anything beyond is a real flip.
    static let sliverNoise = 3e-3

    init(_ rig: Rig) {
        self.rig = rig
        let m = rig.mesh
        columns = m.columns
        rows = m.rows
        xs = m.xs
        ys = m.ys
        let rest = m.positions
        restX = rest.map { Float($0.x) }
        restY = rest.map { Float($0.y) }
        let c = rig.cropRect, band = 0.03 * c.width
        var outer = [Int]()
        for r in 0..<m.rows {
            for col in 0..<m.columns {
                let x = rest[m.index(col, r)].x, y = rest[m.index(col, r)].y
                let onEdge = r == 0 || col == 0 || r == m.rows - 1 || col == m.columns - 1
                if onEdge || min(x - c.minX, c.maxX - x, y - c.minY, c.maxY - y) <= band {
                    outer.append(m.index(col, r))
                }
            }
        }
        outerBand = outer
        let p = rig.landmarks.points
        var op = [UInt8](repeating: 0, count: m.vertexCount)
        for (tag, contour) in [(UInt8(1), Array(p[60...67])), (2, Array(p[36...41])), (3, Array(p[42...47]))] {
            let box = Rect.bounding(contour)
            for (i, q) in rest.enumerated()
            where q.y >= box.minY - 1 && q.y <= box.maxY + 1 && q.x >= box.minX - 1 && q.x <= box.maxX + 1 {
                if FacePalette.inside(q, contour) || Self.distance(q, toContour: contour) <= 1 {
                    op[i] = tag
                }
            }
        }
        opening = op
        iod = rig.landmarks.interocularDistance
        let zone = Self.featureZone * iod
        var near = op
        for contour in [Array(p[60...67]), Array(p[36...41]), Array(p[42...47])] {
            let box = Rect.bounding(contour)
            for (i, q) in rest.enumerated()
            where q.y >= box.minY - zone && q.y <= box.maxY + zone && q.x >= box.minX - zone && q.x <= box.maxX + zone {
                if FacePalette.inside(q, contour) || Self.distance(q, toContour: contour) <= zone {
                    near[i] = max(near[i], 4)
                }
            }
        }
        nearOpening = near
        var areas = [Double](), slivers = [UInt8]()
        for r in 0..<(m.rows - 1) {
            for col in 0..<(m.columns - 1) {
                areas.append((m.xs[col + 1] - m.xs[col]) * (m.ys[r + 1] - m.ys[r]))
                let a = m.index(col, r), b = a + 1, d = a + m.columns, e = d + 1
                slivers.append((Self.twoInOneOpening(op[a], op[b], op[e]) ? 1 : 0)
                    | (Self.twoInOneOpening(op[a], op[e], op[d]) ? 2 : 0))
            }
        }
        cellArea = areas
        sliverCells = slivers
        gapsX = (0..<m.columns).map { $0 + 1 < m.columns ? Float(m.xs[$0 + 1] - m.xs[$0]) : 1 }
        gapsY = (0..<m.rows).map { $0 + 1 < m.rows ? Float(m.ys[$0 + 1] - m.ys[$0]) : 1 }
    }

    static func distance(_ q: Point, toContour c: [Point]) -> Double {
        var best = Double.infinity
        for i in 0..<c.count {
            let a = c[i], b = c[(i + 1) % c.count]
            let ab = b - a, len2 = ab.dot(ab)
            let t = len2 > 0 ? min(max((q - a).dot(ab) / len2, 0), 1) : 0
            best = min(best, q.distance(to: a + ab * t))
        }
        return best
    }

    /// A vertex's rest position, in pixels and in inter-ocular units right of and below the point between the
    /// eyes, for messages.
    func whereIs(_ i: Int) -> String {
        let lm = rig.landmarks
        let mid = Point.lerp(lm.rightEyeCenter, lm.leftEyeCenter, 0.5)
        let q = Point(Double(restX[i]), Double(restY[i]))
        let rel = (q - mid) / iod
        func f(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        return "rest (\(f(q.x)), \(f(q.y))) px = (\(f(rel.x)), \(f(rel.y))) iod from between the eyes"
    }

    // MARK: Folds

    /// Whether at least two corners lie in the same opening: when the slit closes they meet and the triangle
    /// becomes a sliver of zero area by design.
    @inline(__always) static func twoInOneOpening(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        (a != 0 && (a == b || a == c)) || (b != 0 && b == c)
    }

    struct Folds: Sendable {
        /// Smallest deformed/rest signed area ratio of the triangles that are not closing-slit slivers, and where.
        var outside = (ratio: Double.infinity, at: 0)
        /// The same over the slivers.
        var slivers = (ratio: Double.infinity, at: 0)
        var failed: Bool { outside.ratio <= 0 || slivers.ratio < -MeshLayout.sliverNoise }
        /// How badly, for picking the worst draw.
        var severity: Double { -min(outside.ratio, slivers.ratio + MeshLayout.sliverNoise) }
    }

    /// The fold check for one set of parameters. The rig's own (optimised) diagnostic decides the common case;
    /// only meshes with a non-positive triangle somewhere are scanned here to tell slivers from folds.
    func folds(_ params: RigParams) -> Folds {
        if rig.smallestTriangleAreaRatio(params) > 0 { return Folds(outside: (1, 0), slivers: (1, 0)) }
        let m = rig.deformedMesh(params)
        return folds(m.x, m.y)
    }

    /// Every cell's triangles (a, b, e) and (a, e, d), as `Rig.smallestTriangleAreaRatio` takes them (same
    /// arithmetic, so the overall minimum is bit-identical). Raw pointers: this runs unoptimised in debug builds.
    func folds(_ x: [Float], _ y: [Float]) -> Folds {
        var f = Folds()
        let cols = columns
        x.withUnsafeBufferPointer { xb in
        y.withUnsafeBufferPointer { yb in
        cellArea.withUnsafeBufferPointer { areab in
        sliverCells.withUnsafeBufferPointer { sb in
            let x = xb.baseAddress!, y = yb.baseAddress!, area = areab.baseAddress!, sliver = sb.baseAddress!
            var cell = 0
            for r in 0..<(rows - 1) {
                var a = r * cols
                for _ in 0..<(cols - 1) {
                    let b = a + 1, d = a + cols, e = d + 1
                    let rest = area[cell]
                    let ax = Double(x[a]), ay = Double(y[a])
                    let bx = Double(x[b]) - ax, by = Double(y[b]) - ay
                    let dx = Double(x[d]) - ax, dy = Double(y[d]) - ay
                    let ex = Double(x[e]) - ax, ey = Double(y[e]) - ay
                    let upper = (bx * ey - by * ex) / rest, lower = (ex * dy - ey * dx) / rest
                    let s = sliver[cell]
                    if s & 1 != 0 {
                        if upper < f.slivers.ratio { f.slivers = (upper, a) }
                    } else if upper < f.outside.ratio { f.outside = (upper, a) }
                    if s & 2 != 0 {
                        if lower < f.slivers.ratio { f.slivers = (lower, a) }
                    } else if lower < f.outside.ratio { f.outside = (lower, a) }
                    a += 1
                    cell += 1
                }
            }
        }}}}
        return f
    }

    // MARK: Border

    /// nil when every outer-band vertex is exactly at rest (and flagged unmoved), else the largest motion.
    func borderMotion(_ x: [Float], _ y: [Float], _ moved: [Bool]) -> (distance: Double, at: Int)? {
        var worst: (distance: Double, at: Int)?
        x.withUnsafeBufferPointer { xb in
        y.withUnsafeBufferPointer { yb in
        moved.withUnsafeBufferPointer { mb in
        restX.withUnsafeBufferPointer { rxb in
        restY.withUnsafeBufferPointer { ryb in
        outerBand.withUnsafeBufferPointer { band in
            let x = xb.baseAddress!, y = yb.baseAddress!, mv = mb.baseAddress!, rx = rxb.baseAddress!
            let ry = ryb.baseAddress!
            for k in 0..<band.count {
                let i = band.baseAddress![k]
                if mv[i] || x[i] != rx[i] || y[i] != ry[i] {
                    let d = Double(abs(x[i] - rx[i]) + abs(y[i] - ry[i]))
                    if d >= (worst?.distance ?? -1) { worst = (d, i) }
                }
            }
        }}}}}}
        return worst
    }

    // MARK: Lips and lids

    /// How far (along the face's own downward direction, perpendicular to the outer eye corners) each upper
    /// inner-lip and upper-lid landmark lies above its partner, smallest of each: positive = open, 0 = closed,
    /// negative = crossed.
    static func crossings(_ lm: [Point]) -> (lips: Double, lids: Double) {
        let across = lm[45] - lm[36]
        let down = Point(-across.y, across.x) / across.length
        func gap(_ pairs: [(Int, Int)]) -> Double { pairs.map { (lm[$0.1] - lm[$0.0]).dot(down) }.min()! }
        return (gap([(61, 67), (62, 66), (63, 65)]), gap([(37, 41), (38, 40), (43, 47), (44, 46)]))
    }

    // MARK: Continuity

    struct Stretch: Sendable {
        /// Largest |displacement difference| between neighbouring vertices, in inter-ocular units, and where.
        var jump = (value: 0.0, at: 0)
        /// Largest |displacement difference| / rest distance between neighbours away from the openings (further
        /// than `featureZone`), and where.
        var strain = (value: 0.0, at: 0)
        var finite = true
    }

    func stretch(_ x: [Float], _ y: [Float]) -> Stretch {
        var s = Stretch()
        let cols = columns
        var maxJump2: Float = 0, maxStrain2: Float = 0
        x.withUnsafeBufferPointer { xb in
        y.withUnsafeBufferPointer { yb in
        restX.withUnsafeBufferPointer { rxb in
        restY.withUnsafeBufferPointer { ryb in
        nearOpening.withUnsafeBufferPointer { opb in
        gapsX.withUnsafeBufferPointer { gxb in
        gapsY.withUnsafeBufferPointer { gyb in
            let x = xb.baseAddress!, y = yb.baseAddress!, rx = rxb.baseAddress!, ry = ryb.baseAddress!
            let op = opb.baseAddress!, gx = gxb.baseAddress!, gy = gyb.baseAddress!
            var i = 0
            var finite = true
            for r in 0..<rows {
                for c in 0..<cols {
                    let dxi = x[i] - rx[i], dyi = y[i] - ry[i]
                    if c + 1 < cols {  // right neighbour
                        let u = x[i + 1] - rx[i + 1] - dxi, v = y[i + 1] - ry[i + 1] - dyi
                        let d2 = u * u + v * v
                        if !(d2 < .infinity) { finite = false }  // NaN too
                        if d2 > maxJump2 { maxJump2 = d2; s.jump.at = i }
                        let len2 = gx[c] * gx[c]
                        if d2 > maxStrain2 * len2 && op[i] == 0 && op[i + 1] == 0 { maxStrain2 = d2 / len2; s.strain.at = i }
                    }
                    if r + 1 < rows {  // neighbour below
                        let j = i + cols
                        let u = x[j] - rx[j] - dxi, v = y[j] - ry[j] - dyi
                        let d2 = u * u + v * v
                        if !(d2 < .infinity) { finite = false }
                        if d2 > maxJump2 { maxJump2 = d2; s.jump.at = i }
                        let len2 = gy[r] * gy[r]
                        if d2 > maxStrain2 * len2 && op[i] == 0 && op[j] == 0 { maxStrain2 = d2 / len2; s.strain.at = i }
                    }
                    i += 1
                }
            }
            s.finite = finite
        }}}}}}}
        s.jump.value = Double(maxJump2).squareRoot() / iod
        s.strain.value = Double(maxStrain2).squareRoot()
        return s
    }
}
