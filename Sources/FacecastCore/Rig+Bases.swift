/// The rig's expression blendshapes. Each is a displacement of the control points (the 68 landmarks plus a
/// few extrapolated forehead and cheek points) at unit strength; the rig spreads it to the mesh once, and a
/// frame is a weighted sum of them (weights from `RigParams`, see `Rig+Deform.swift`).
enum RigBasis: Int, CaseIterable {
    case close  // brings the source's lower lip up to where the inner lips meet (see `Rig.pose`)
    case closeUpper  // brings the source's upper lip down to it: with `close`, shuts a parted photo's lips
    case jaw  // lower jaw, chin and lower lip down; upper lip up a little
    case wide
    case round
    case press
    case raise  // upper lip up (only while the lips are parted)
    case tuckOuter  // lower lip rolls in (outer contour up)
    case tuckInner  // lower inner lip up towards the upper teeth (bounded by the gap)
    case smile
    case blinkL
    case blinkR
    case browRaise
    case browFurrow

    static let count = allCases.count

    /// Which slit separates the two layers this blendshape is spread over.
    enum Layering { case face, mouth, eyeL, eyeR }

    var layering: Layering {
        switch self {
        case .blinkL: .eyeL
        case .blinkR: .eyeR
        case .browRaise, .browFurrow: .face
        default: .mouth
        }
    }
}

/// Control-point layout: the 68 landmarks, then these extrapolated points.
enum RigControls {
    static let forehead = 68..<73
    static let upperCheeks = 73..<75  // subject's right (image left), then left
    static let lowerCheeks = 75..<77
    static let count = 77

    /// Inner-lip points that may coincide on a closed mouth: only ever in one layer's control set.
    static let upperInnerLip = [61, 62, 63]
    static let lowerInnerLip = [65, 66, 67]

    static func positions(_ lm: FaceLandmarks, iod u: Double) -> [Point] {
        let p = lm.points
        var c = p
        let browMid = Point.lerp(p[21], p[22], 0.5)
        for q in [p[18], p[20], browMid, p[23], p[25]] { c.append(Point(q.x, q.y - 0.45 * u)) }
        c.append(Point.lerp(p[2], p[31], 0.5))
        c.append(Point.lerp(p[14], p[35], 0.5))
        c.append(Point.lerp(p[4], p[48], 0.5))
        c.append(Point.lerp(p[12], p[54], 0.5))
        return c
    }

    // Control sets (indices into `positions`) for the spline of each layer.
    static let face: [Int] = (0..<count).filter { !upperInnerLip.contains($0) && !lowerInnerLip.contains($0) }
    /// Above the lip line: no lower lip, no chin.
    static let mouthUpper: [Int] = face.filter { !(55...59).contains($0) && !(5...11).contains($0) } + upperInnerLip
    /// Below the lip line: no upper lip.
    static let mouthLower: [Int] = face.filter { !(49...53).contains($0) } + lowerInnerLip
    static let eyeUpper: [Int] = face.filter { ![40, 41, 46, 47].contains($0) }
    static let eyeLower: [Int] = face.filter { ![37, 38, 43, 44].contains($0) }

    /// Where the inner lips of a parted photo meet when the rig closes them, as a share of the gap down from the
    /// upper lip. The upper lip hangs from the skull and hardly moves as a mouth closes, and the recogniser agrees:
    /// in silent clips (lips shut throughout) frontal_face and head_turned measured identity 0.27 meeting at 0.3,
    /// 0.21 and 0.20 at 0.15; on the make-qa script, seeds 1-3, their means went from 0.21-0.23 at 0.3 to
    /// 0.20-0.21 at 0.25. At 0.1, dlib read up to half of head_turned's p/b/m closures as parted (the lips then
    /// barely cover the dark at the corners); at 0.2 a closed lower lip tucked in (f/v) squeezed a row of mesh
    /// cells flat in the property sweep.
    static let lipMeet = 0.25

    /// Maximum drop of the lower lip at jawOpen = 1, in inter-ocular units (the gap adds the upper lip's lift).
    static let jawDrop = 0.32
    /// How far the upper lip lifts as the jaw opens, as a fraction of `jawDrop`.
    static let upperLipLift = 0.1
    /// Lift of the lower inner lip at tuckInner = 1, in inter-ocular units.
    static let tuckUnit = 0.05

    /// Unit displacement of every control point for one blendshape.
    static func displacements(_ b: RigBasis, _ lm: FaceLandmarks, iod u: Double) -> [Point] {
        let p = lm.points
        var d = [Point](repeating: .zero, count: count)
        // Symmetric helpers: image-left points get `dx` mirrored.
        func pair(_ l: Int, _ r: Int, _ dx: Double, _ dy: Double) {
            d[l] = Point(-dx * u, dy * u)
            d[r] = Point(dx * u, dy * u)
        }
        func set(_ idx: [Int], _ dx: Double, _ dy: Double) {
            for i in idx { d[i] = Point(dx * u, dy * u) }
        }
        let jawProfile: [Double] = [0, 0, 0, 0.08, 0.2, 0.38, 0.55, 0.7, 0.75, 0.7, 0.55, 0.38, 0.2, 0.08, 0, 0, 0]
        switch b {
        case .close, .closeUpper:
            // Each inner-lip pair meets `lipMeet` of the way down its gap, straight down and up (the slit closes
            // column by column, see `Slit`); outer lips follow, and with the lower lip the chin. `close` moves the
            // lower half of that, `closeUpper` the upper.
            var centreGap = 0.0
            for (up, lo, outUp, outLo) in [(61, 67, 50, 58), (62, 66, 51, 57), (63, 65, 52, 56)] {
                let g = p[lo].y - p[up].y
                guard g > 0 else { continue }
                let meet = p[up].y + lipMeet * g
                if b == .closeUpper {
                    d[up] = Point(0, meet - p[up].y)
                    d[outUp] = Point(0, 0.8 * d[up].y)
                } else {
                    d[lo] = Point(0, meet - p[lo].y)
                    d[outLo] = Point(0, 0.9 * d[lo].y)
                }
                if up == 62 { centreGap = g }
            }
            if b == .closeUpper {
                d[49] = d[50] * 0.5
                d[53] = d[52] * 0.5
            } else {
                d[59] = d[58] * 0.6
                d[55] = d[56] * 0.6
                for i in 0...16 { d[i] = Point(0, -0.7 * centreGap * jawProfile[i] / 0.75) }
                for i in lowerCheeks { d[i] = Point(0, -0.15 * centreGap) }
            }
        case .jaw:
            let g = jawDrop
            set([66], 0, g)
            set([65, 67], 0, 0.9 * g)
            set([57], 0, 0.95 * g)
            set([56, 58], 0, 0.85 * g)
            set([55, 59], 0, 0.6 * g)
            pair(48, 54, -0.03, 0.3 * g)
            pair(60, 64, -0.03, 0.3 * g)
            set([61, 62, 63, 50, 51, 52], 0, -upperLipLift * g)
            set([49, 53], 0, -0.5 * upperLipLift * g)
            for i in 0...16 { d[i] = Point(0, jawProfile[i] * g * u) }
            for i in lowerCheeks { d[i] = Point(0, 0.2 * g * u) }
        case .wide:
            pair(48, 54, 0.1, 0)
            pair(60, 64, 0.1, 0)
            pair(49, 53, 0.05, 0)
            pair(59, 55, 0.05, 0)
            pair(61, 63, 0.05, 0)
            pair(67, 65, 0.05, 0)
            pair(75, 76, 0.04, 0)
        case .round:
            pair(48, 54, -0.12, 0)
            pair(60, 64, -0.12, 0)
            pair(49, 53, -0.06, -0.02)
            pair(59, 55, -0.06, 0.02)
            pair(61, 63, -0.06, 0)
            pair(67, 65, -0.06, 0)
            set([50, 51, 52], 0, -0.03)
            set([56, 57, 58], 0, 0.03)
            pair(75, 76, -0.03, 0)
        case .press:
            // Pressed lips thin by 15 % of their own height, at most 0.035 eye distances each: a thin
            // upper lip (a broad smile stretches it to a line) must not vanish into the seam.
            let upperLip = min(0.035, 0.15 * max(0, p[62].y - p[51].y) / u)
            let lowerLip = min(0.035, 0.15 * max(0, p[57].y - p[66].y) / u)
            set([50, 51, 52], 0, upperLip)
            set([49, 53], 0, 0.57 * upperLip)
            set([56, 57, 58], 0, -lowerLip)
            set([55, 59], 0, -0.57 * lowerLip)
        case .raise:
            set([62, 51], 0, -0.08)
            set([61, 63, 50, 52], 0, -0.06)
            set([49, 53], 0, -0.035)
        case .tuckOuter:
            set([56, 57, 58], 0, -0.07)
            set([55, 59], 0, -0.04)
            set([7, 8, 9], 0, -0.015)
        case .tuckInner:
            set([65, 66, 67, 56, 57, 58], 0, -tuckUnit)
            set([55, 59], 0, -0.6 * tuckUnit)
        case .smile:
            pair(48, 54, 0.06, -0.1)
            pair(60, 64, 0.06, -0.1)
            pair(49, 53, 0.03, -0.05)
            pair(59, 55, 0.03, -0.05)
            pair(61, 63, 0.03, -0.05)
            pair(67, 65, 0.03, -0.05)
            set([50, 52, 56, 58], 0, -0.02)
            pair(73, 74, 0.02, -0.05)
            pair(75, 76, 0.04, -0.06)
        case .blinkL, .blinkR:
            // Upper lid meets the lower lid a quarter of the way up the opening.
            let pairs = b == .blinkR ? [(37, 41), (38, 40)] : [(43, 47), (44, 46)]
            for (up, lo) in pairs {
                let g = p[lo].y - p[up].y
                let m = Point((p[up].x + p[lo].x) / 2, p[lo].y - 0.25 * max(g, 0))
                d[up] = m - p[up]
                d[lo] = m - p[lo]
            }
        case .browRaise:
            set([18, 19, 20, 23, 24, 25], 0, -0.14)
            set([17, 21, 22, 26], 0, -0.12)
            for i in forehead { d[i] = Point(0, -0.08 * u) }
        case .browFurrow:
            pair(21, 22, -0.04, 0.04)
            pair(20, 23, -0.03, 0.03)
            pair(19, 24, -0.015, 0.015)
            d[70] = Point(0, 0.015 * u)
        }
        return d
    }
}
