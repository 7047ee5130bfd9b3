import RealModule

/// Everything a frame's deformation needs from `RigParams`, resolved once per frame.
struct FramePose {
    /// Blendshape weights, indexed by `RigBasis.rawValue`.
    var weights: [Float]
    /// Head rotation (row-major 3x3, yaw then pitch then roll) about `pivot`.
    var rotation: [Float]
    var pivot: (x: Float, y: Float, z: Float)
    var shift: (x: Float, y: Float)
    /// Vertical breath lift in pixels (negative = up).
    var lift: Float
    var headMoves: Bool
    /// How far the jaw is open (0 closed … 1.25), whatever part of it the source photo already shows.
    var jaw: Float = 0
    /// Blink closure of each eye (0 open … 1 closed), drawn by the lid pass, not the mesh.
    var lidL: Float = 0
    var lidR: Float = 0
}

extension Rig {
    /// Head motion the rig renders (degrees; shift in inter-ocular distances); larger values are clamped.
    public static let maxYaw = 15.0, maxPitch = 12.0, maxRoll = 6.0, maxShift = 0.15

    /// Blendshape weights and head transform for these parameters. Gap-opening weights are scaled so the
    /// inner lips meet exactly whenever jawOpen = 0 and photoMouth = 0, or lipPress = 1. A source photo with parted lips is used as
    /// it is for the jaw opening it shows: up to that opening the rig only closes it part of the way, beyond
    /// it the jaw opens further, so a smiling, talking face is warped no more than the speech needs.
    func pose(_ params: RigParams) -> FramePose {
        func clamp(_ v: Double, _ lo: Double, _ hi: Double) -> Double { v.isFinite ? min(max(v, lo), hi) : 0 }
        let press = clamp(params.lipPress, 0, 1)
        let open = restingOpening(clamp(params.jawOpen, 0, 1.25), photoMouth: clamp(params.photoMouth, 0, 1)) * (1 - press)
        let tuck = clamp(params.lowerLipTuck, 0, 1) * (1 - press)  // pressed lips cannot tuck (both pull the lower lip)
        // The jaw's centre gap in tuckInner units: the tucked lip may close at most 60% of it.
        let gapInTuckUnits = open * RigControls.jawDrop * (1 + RigControls.upperLipLift) / RigControls.tuckUnit
        let squint = clamp(params.squint, 0, 1)
        var w = [Double](repeating: 0, count: RigBasis.count)
        let shown = sourceJawOpening
        w[RigBasis.close.rawValue] = shown > 0.02 ? 1 - min(open, shown) / shown : 1
        // An f/v brings the lower lip up to the upper teeth: the upper lip stays where the photo has it (a smiling
        // photo keeps its own upper teeth showing), and the lips stop `lipMeet` of the photo's gap apart.
        w[RigBasis.closeUpper.rawValue] = w[RigBasis.close.rawValue] * (1 - tuck)
        w[RigBasis.jaw.rawValue] = max(0, open - shown)
        w[RigBasis.wide.rawValue] = clamp(params.lipsWide, -0.4, 1.25)
        w[RigBasis.round.rawValue] = clamp(params.lipsRound, 0, 1)
        w[RigBasis.press.rawValue] = press
        w[RigBasis.raise.rawValue] = clamp(params.upperLipRaise, 0, 1) * min(1, open / 0.15)
        w[RigBasis.tuckOuter.rawValue] = tuck
        w[RigBasis.tuckInner.rawValue] = min(tuck, 0.6 * gapInTuckUnits)
        w[RigBasis.smile.rawValue] = clamp(params.smile, -0.3, 1.25)
        // The mesh only narrows the eyes for a squint; blinks close the lids in the renderer's lid pass.
        w[RigBasis.blinkL.rawValue] = 0.35 * squint
        w[RigBasis.blinkR.rawValue] = 0.35 * squint
        w[RigBasis.browRaise.rawValue] = clamp(params.browRaise, -0.5, 1.25)
        w[RigBasis.browFurrow.rawValue] = clamp(params.browFurrow, 0, 1.25)

        let deg = Double.pi / 180
        // A photo holds one view of the head: beyond these the warp would have to invent what turns into view
        // (and the fall-off to the still body would fold).
        let yaw = clamp(params.headYaw, -Self.maxYaw, Self.maxYaw) * deg
        let pitch = clamp(params.headPitch, -Self.maxPitch, Self.maxPitch) * deg
        let roll = clamp(params.headRoll, -Self.maxRoll, Self.maxRoll) * deg
        let (cy, sy) = (Double.cos(yaw), Double.sin(yaw))
        let (cp, sp) = (Double.cos(pitch), Double.sin(pitch))
        let (cr, sr) = (Double.cos(roll), Double.sin(roll))
        // Yaw (x,z): x' = x cos + z sin.  Pitch (y,z): y' = y cos + z sin.  Roll (x,y): clockwise on screen.
        let ry: [Double] = [cy, 0, sy, 0, 1, 0, -sy, 0, cy]
        let rp: [Double] = [1, 0, 0, 0, cp, sp, 0, -sp, cp]
        let rr: [Double] = [cr, -sr, 0, sr, cr, 0, 0, 0, 1]
        func mul(_ a: [Double], _ b: [Double]) -> [Double] {
            (0..<9).map { k in
                let i = k / 3, j = k % 3
                return a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j]
            }
        }
        let r = mul(rr, mul(rp, ry))
        let u = frame.iod
        let shift = (clamp(params.headShiftX, -Self.maxShift, Self.maxShift) * u,
                     clamp(params.headShiftY, -Self.maxShift, Self.maxShift) * u)
        let headMoves = yaw != 0 || pitch != 0 || roll != 0 || shift.0 != 0 || shift.1 != 0
        return FramePose(
            weights: w.map { Float($0) }, rotation: r.map { Float($0) },
            pivot: (Float(frame.pivot.x), Float(frame.pivot.y), Float(frame.pivot.z)),
            shift: (Float(shift.0), Float(shift.1)),
            lift: Float(-0.025 * u * clamp(params.breath, 0, 1.5)), headMoves: headMoves,
            jaw: Float(open), lidL: Float(clamp(params.blinkL, 0, 1)), lidR: Float(clamp(params.blinkR, 0, 1)))
    }

    /// Share of the photo's own jaw opening the mouth keeps at rest (jawOpen = 0) while `photoMouth` = 1. A face
    /// photographed mid-word or with a broad, toothy smile is that person's face as the viewer knows it: closing it
    /// between all the words makes another face (identity distance 0.33–0.38 on those frames of a smiling photo,
    /// against 0.17–0.24 with the mouth open). Pressed lips (p, b, m) still close it completely.
    static let restingShare = 0.25

    /// The jaw opening rendered for the performance's `jawOpen`: from the resting opening at 0 up to 1 as `jawOpen`
    /// goes to 1, and as asked beyond that.
    func restingOpening(_ jawOpen: Double, photoMouth: Double) -> Double {
        let rest = Self.restingShare * sourceJawOpening * photoMouth
        return jawOpen >= 1 ? jawOpen : rest + jawOpen * (1 - rest)
    }

    /// Deformed positions of the points in `data`. `moved[i]` is false where the point stays put.
    func deform(_ data: DeformData, _ pose: FramePose, x outX: inout [Float], y outY: inout [Float],
                moved: inout [Bool]) {
        let n = data.count
        let nb = RigBasis.count
        let r = pose.rotation
        let (r00, r01, r02, r10, r11, r12) = (r[0], r[1], r[2], r[3], r[4], r[5])
        let (px, py, pz) = pose.pivot
        let (shx, shy) = pose.shift
        let lift = pose.lift
        let headMoves = pose.headMoves
        let field = headField
        // Only blendshapes with a non-zero weight are summed.
        let live = (0..<nb).filter { pose.weights[$0] != 0 }
        let liveW = live.map { pose.weights[$0] }
        data.x.withUnsafeBufferPointer { xs in
        data.y.withUnsafeBufferPointer { ys in
        data.z.withUnsafeBufferPointer { zs in
        data.head.withUnsafeBufferPointer { head in
        data.breath.withUnsafeBufferPointer { breath in
        data.basis.withUnsafeBufferPointer { basis in
        data.expressive.withUnsafeBufferPointer { expressive in
        live.withUnsafeBufferPointer { live in
        liveW.withUnsafeBufferPointer { liveW in
        outX.withUnsafeMutableBufferPointer { ox in
        outY.withUnsafeMutableBufferPointer { oy in
        moved.withUnsafeMutableBufferPointer { mv in
            for i in 0..<n {
                let x = xs[i], y = ys[i]
                var dx: Float = 0, dy: Float = 0
                if expressive[i] {
                    let o = i * nb * 2
                    for k in 0..<live.count {
                        let b = o + live[k] * 2
                        dx += liveW[k] * basis[b]
                        dy += liveW[k] * basis[b + 1]
                    }
                }
                if headMoves && head[i] > 0 {
                    // Head weight and depth where the expression moved the point (one continuous field): points an
                    // expression brings together (closed lips or lids) then turn together and stay unfolded.
                    var h = head[i], z = zs[i]
                    if dx != 0 || dy != 0 { (h, z) = field.sample(x + dx, y + dy) }
                    let qx = x + dx - px, qy = y + dy - py, qz = z - pz
                    let rx = r00 * qx + r01 * qy + r02 * qz
                    let ry = r10 * qx + r11 * qy + r12 * qz
                    dx += h * (rx - qx + shx)
                    dy += h * (ry - qy + shy)
                }
                dy += breath[i] * lift
                ox[i] = x + dx
                oy[i] = y + dy
                mv[i] = abs(dx) > 1e-3 || abs(dy) > 1e-3
            }
        }}}}}}}}}}}}
    }

    /// Where the 68 landmarks land under these parameters, lids included.
    func deformedLandmarks(_ params: RigParams) -> [Point] {
        deformedLandmarks(pose(params))
    }

    /// Where the 68 landmarks land: the mesh's deformation, then each upper and lower lid point moved towards
    /// where the lids meet by the blink closure (as the lid pass draws them).
    func deformedLandmarks(_ pose: FramePose) -> [Point] {
        withLidsClosed(meshLandmarks(pose), pose)
    }

    /// The landmarks with each upper and lower lid point moved towards where the lids meet by the blink closure.
    func withLidsClosed(_ points: [Point], _ pose: FramePose) -> [Point] {
        var p = points
        for eye in EyeLayout.both {
            let c = Double(eye.isLeft ? pose.lidL : pose.lidR)
            guard c > 0 else { continue }
            for (up, lo) in eye.lidPairs {
                let meet = Point.lerp(p[lo], p[up], 0.08)
                p[up] = Point.lerp(p[up], meet, c)
                p[lo] = Point.lerp(p[lo], meet, c)
            }
        }
        return p
    }

    /// Where the mesh alone puts the 68 landmarks (eyes as open as the squint leaves them).
    func meshLandmarks(_ pose: FramePose) -> [Point] {
        var xs = [Float](repeating: 0, count: 68), ys = xs
        var moved = [Bool](repeating: false, count: 68)
        deform(landmarkData, pose, x: &xs, y: &ys, moved: &moved)
        return (0..<68).map { moved[$0] ? Point(Double(xs[$0]), Double(ys[$0])) : landmarks.points[$0] }
    }

    /// Deformed mesh vertex positions (row-major, see `WarpMesh`), for the renderer and tests.
    func deformedMesh(_ params: RigParams) -> (x: [Float], y: [Float], moved: [Bool]) {
        let n = vertices.count
        var xs = [Float](repeating: 0, count: n), ys = xs
        var moved = [Bool](repeating: false, count: n)
        deform(vertices, pose(params), x: &xs, y: &ys, moved: &moved)
        return (xs, ys, moved)
    }
}

extension Rig {
    /// Smallest ratio of a mesh triangle's deformed signed area to its rest area (negative = folded).
    /// A diagnostic for tests and avatar checks.
    func smallestTriangleAreaRatio(_ params: RigParams) -> Double {
        let m = deformedMesh(params)
        let cols = mesh.columns
        var worst = Double.infinity
        func area(_ a: Int, _ b: Int, _ c: Int) -> Double {
            let ax = Double(m.x[a]), ay = Double(m.y[a])
            return (Double(m.x[b]) - ax) * (Double(m.y[c]) - ay) - (Double(m.y[b]) - ay) * (Double(m.x[c]) - ax)
        }
        for r in 0..<(mesh.rows - 1) {
            for c in 0..<(cols - 1) {
                let a = r * cols + c, b = a + 1, d = a + cols, e = d + 1
                let rest = (mesh.xs[c + 1] - mesh.xs[c]) * (mesh.ys[r + 1] - mesh.ys[r])
                worst = min(worst, area(a, b, e) / rest, area(a, e, d) / rest)
            }
        }
        return worst
    }
}
