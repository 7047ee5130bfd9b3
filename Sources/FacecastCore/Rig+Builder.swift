import RealModule

struct RigSlits {
    let mouth: Slit
    let eyeR: Slit
    let eyeL: Slit

    func slit(for layering: RigBasis.Layering) -> Slit? {
        switch layering {
        case .face: nil
        case .mouth: mouth
        case .eyeL: eyeL
        case .eyeR: eyeR
        }
    }
}

/// Per-point static data for the per-frame deformation, structure of arrays, Float for speed.
struct DeformData: Sendable {
    var x: [Float]
    var y: [Float]
    var z: [Float]
    /// Head-motion weight (head mask x border falloff).
    var head: [Float]
    /// Breath-lift weight (x border falloff).
    var breath: [Float]
    /// Blendshapes: `basis[(i * RigBasis.count + b) * 2 + {0,1}]`, already multiplied by the expression mask and border falloff.
    var basis: [Float]
    /// Whether any blendshape is non-zero here.
    var expressive: [Bool]
    var count: Int { x.count }
}

/// Spreads the control-point blendshapes to arbitrary points with thin-plate splines, layered across the slits.
/// Blendshapes, splines and slits live in the face's upright frame (`axes`); points come in and displacements go
/// out in the photo's.
struct RigBuilder {
    /// The photo's landmarks turned upright by `axes`: what the slits and the blendshapes are built on.
    let upright: FaceLandmarks
    let axes: FaceAxes
    let frame: FaceFrame
    let crop: Rect
    let slits: RigSlits

    /// How a blendshape's value at a point is assembled from its layers' spline fields.
    struct Recipe {
        var constant = Point.zero
        var upper: [(Point, Double)] = []
        var lower: [(Point, Double)] = []
    }

    func recipe(at q: Point, _ basis: RigBasis, _ unit: [Point]) -> Recipe {
        var r = ownRecipe(at: q, basis, unit)
        // Other slits are carried across rigidly: a blendshape that does not open or close a slit must not
        // squeeze it either, or it could fold a slit that another blendshape has closed.
        for other in [RigBasis.Layering.mouth, .eyeL, .eyeR] where other != basis.layering {
            guard let slit = slits.slit(for: other) else { continue }
            r.upper = r.upper.flatMap { rigidAcross(slit, $0) }
            r.lower = r.lower.flatMap { rigidAcross(slit, $0) }
        }
        return r
    }

    /// Replaces an evaluation of a field at `term.0` by one that is constant across the slit's opening.
    func rigidAcross(_ slit: Slit, _ term: (Point, Double)) -> [(Point, Double)] {
        let (q, wt) = term
        switch slit.region(q) {
        case .beyond:
            return [term]
        case .inside(_, let mid):
            return [(mid, wt)]
        case .above(let edge, let distance, let mid), .below(let edge, let distance, let mid):
            let f = 1 - Ease.smooth(0, slit.reach, distance)
            return f == 0 ? [term] : [term, (edge, -f * wt), (mid, f * wt)]
        }
    }

    func ownRecipe(at q: Point, _ basis: RigBasis, _ unit: [Point]) -> Recipe {
        guard let slit = slits.slit(for: basis.layering) else { return Recipe(upper: [(q, 1)]) }
        let up = slit.upperIndices.map { unit[$0] }, lo = slit.lowerIndices.map { unit[$0] }
        switch slit.region(q) {
        case .beyond(let w):
            return Recipe(upper: [(q, 1 - w)], lower: [(q, w)])
        case .inside(let w, _):
            let a = Slit.interpolate(slit.upper, up, at: q.x), b = Slit.interpolate(slit.lower, lo, at: q.x)
            return Recipe(constant: Point.lerp(a, b, w))
        case .above(let edge, let distance, _):
            // The field, corrected near the slit so it meets the contour's exact displacement.
            let f = 1 - Ease.smooth(0, slit.reach, distance)
            if f == 0 { return Recipe(upper: [(q, 1)]) }
            return Recipe(constant: Slit.interpolate(slit.upper, up, at: q.x) * f, upper: [(q, 1), (edge, -f)])
        case .below(let edge, let distance, _):
            let f = 1 - Ease.smooth(0, slit.reach, distance)
            if f == 0 { return Recipe(lower: [(q, 1)]) }
            return Recipe(constant: Slit.interpolate(slit.lower, lo, at: q.x) * f, lower: [(q, 1), (edge, -f)])
        }
    }

    func deformData(at pts: [Point], exactControls: Bool) -> DeformData {
        let n = pts.count
        let nb = RigBasis.count
        let u = frame.iod
        var data = DeformData(
            x: pts.map { Float($0.x) }, y: pts.map { Float($0.y) }, z: [Float](repeating: 0, count: n),
            head: [Float](repeating: 0, count: n), breath: [Float](repeating: 0, count: n),
            basis: [Float](repeating: 0, count: n * nb * 2), expressive: [Bool](repeating: false, count: n))
        var exprMask = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let q = pts[i]
            let b = Rig.borderFalloff(q, crop: crop)
            data.z[i] = Float(frame.depth(q))
            let h = frame.headMask(q) * b
            data.head[i] = Float(h)
            data.breath[i] = Float(frame.breathMask(q) * b)
            exprMask[i] = frame.expressionMask(q) * b
        }

        let controls = RigControls.positions(upright, iod: u)
        let unit = RigBasis.allCases.map { RigControls.displacements($0, upright, iod: u) }

        if exactControls {
            // Landmarks: the blendshape value is the control displacement itself.
            for i in 0..<n where exprMask[i] > 0 {
                data.expressive[i] = true
                for b in 0..<nb {
                    let v = axes.photoVector(unit[b][i])
                    data.basis[(i * nb + b) * 2] = Float(v.x * exprMask[i])
                    data.basis[(i * nb + b) * 2 + 1] = Float(v.y * exprMask[i])
                }
            }
            return data
        }

        // Field sums of every blendshape at every expressive point.
        var sums = [Double](repeating: 0, count: n * nb * 2)
        let anchors = (0..<24).map { k -> Point in
            let a = Double(k) / 24 * 2 * Double.pi
            let r = FaceFrame.anchorRadius
            return axes.upright(Point(frame.center.x + r * frame.ax * Double.cos(a),
                                      frame.center.y + r * frame.ay * Double.sin(a)))
        }
        typealias Use = (basis: Int, isUpper: Bool)
        let mouthBases = RigBasis.allCases.filter { $0.layering == .mouth }.map(\.rawValue)
        let faceBases = RigBasis.allCases.filter { $0.layering == .face }.map(\.rawValue)
        let eyeBases = [RigBasis.blinkL.rawValue, RigBasis.blinkR.rawValue]
        let sets: [([Int], [Use])] = [
            (RigControls.face, faceBases.map { ($0, true) }),
            (RigControls.mouthUpper, mouthBases.map { ($0, true) }),
            (RigControls.mouthLower, mouthBases.map { ($0, false) }),
            (RigControls.eyeUpper, eyeBases.map { ($0, true) }),
            (RigControls.eyeLower, eyeBases.map { ($0, false) }),
        ]
        let active = (0..<n).filter { exprMask[$0] > 0 }
        // Per point and blendshape: a constant plus weighted evaluations of the upper and lower layers' fields.
        var recipes = [Recipe](repeating: Recipe(), count: n * nb)
        for i in active {
            for basis in RigBasis.allCases {
                recipes[i * nb + basis.rawValue] = recipe(at: axes.upright(pts[i]), basis, unit[basis.rawValue])
            }
        }
        for (members, uses) in sets {
            let tps = ThinPlateSpline(centers: members.map { controls[$0] } + anchors, origin: axes.upright(frame.center),
                                      scale: 2 * frame.ax)
            let zeros = [Double](repeating: 0, count: anchors.count)
            // Coefficients per use: x then y.
            let coef = uses.map { use -> ([Double], [Double]) in
                let d = members.map { unit[use.basis][$0] }
                return (tps.solve(d.map(\.x) + zeros), tps.solve(d.map(\.y) + zeros))
            }
            var row = [Double](repeating: 0, count: tps.rowLength)
            var rowAt = Point(.nan, .nan)
            for i in active {
                for (k, use) in uses.enumerated() {
                    let r = recipes[i * nb + use.basis]
                    let (cx, cy) = coef[k]
                    for (q, weight) in use.isUpper ? r.upper : r.lower {
                        if rowAt != q {
                            tps.basisRow(at: q, into: &row)
                            rowAt = q
                        }
                        var sx = 0.0, sy = 0.0
                        for j in 0..<row.count {
                            sx += row[j] * cx[j]
                            sy += row[j] * cy[j]
                        }
                        let o = (i * nb + use.basis) * 2
                        sums[o] += weight * sx
                        sums[o + 1] += weight * sy
                    }
                }
            }
        }
        for i in active {
            data.expressive[i] = true
            for b in 0..<nb {
                let o = (i * nb + b) * 2
                let c = recipes[i * nb + b].constant
                let v = axes.photoVector(Point(sums[o] + c.x, sums[o + 1] + c.y))
                data.basis[o] = Float(v.x * exprMask[i])
                data.basis[o + 1] = Float(v.y * exprMask[i])
            }
        }
        return data
    }
}
