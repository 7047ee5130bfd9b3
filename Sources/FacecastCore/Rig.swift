import RealModule

/// The per-photo face rig: a dense warp mesh over a square crop around the head, with every vertex's
/// expression blendshapes, head/neck weights and depth precomputed, so a frame's deformation is a few
/// multiply-adds per vertex (see `Rig+Deform.swift`). Built once per photo; immutable and `Sendable`.
public struct Rig: Sendable {
    /// Square animated region (~2.5x the face box, centred a little above the face centre) in canvas pixels.
    /// May extend past the canvas edges.
    public let cropRect: Rect
    public let landmarks: FaceLandmarks
    public let canvasWidth: Int
    public let canvasHeight: Int

    let frame: FaceFrame
    /// Head weight and depth tabulated over the crop, for points an expression has moved (see `deform`).
    let headField: HeadField
    let mesh: WarpMesh
    /// Static deformation data for every mesh vertex.
    let vertices: DeformData
    /// The same for the 68 landmarks (their blendshapes are the exact control displacements).
    let landmarkData: DeformData
    /// The jaw opening (in `RigParams.jawOpen` units) the photo shows: its inner-lip gap at the centre.
    let sourceJawOpening: Double

    /// canvas = the image frames are rendered on (the photo already scaled to output size); landmarks in canvas pixels.
    public init(canvasWidth: Int, canvasHeight: Int, landmarks: FaceLandmarks, meshCells: Int = 64) {
        precondition(canvasWidth > 1 && canvasHeight > 1, "canvas must be at least 2x2")
        self.canvasWidth = canvasWidth
        self.canvasHeight = canvasHeight
        self.landmarks = landmarks
        let f = FaceFrame(landmarks)
        frame = f
        let u = f.iod

        // Crop: 2.5x the landmark box (grown to the detector box if larger), a little above centre.
        let lb = Rect.bounding(landmarks.points)
        let size = max(lb.width, lb.height, landmarks.box.width, landmarks.box.height, 8)
        let side = (2.5 * size).rounded()
        let c = Point(lb.center.x, lb.center.y - 0.1 * size)
        let crop = Rect(x: (c.x - side / 2).rounded(), y: (c.y - side / 2).rounded(), width: side, height: side)
        cropRect = crop
        headField = HeadField(frame: f, crop: crop)

        // Expressions, slits and mesh rows are laid out on the face turned upright (see `FaceAxes`).
        let axes = FaceAxes(origin: crop.center, landmarks: landmarks)
        let upright = axes.upright(landmarks)
        let p = upright.points
        let perJaw = RigControls.jawDrop * (1 + RigControls.upperLipLift) * u
        sourceJawOpening = min(max((p[66].y - p[62].y) / perJaw, 0), 1)

        // Mesh with dense lines across the lips and eyelids (steps in pixels at ~70 px between the eyes,
        // scaled up for larger faces).
        let k = max(1, u / 70)
        let ys = { (r: ClosedRange<Int>) in p[r].map(\.y) }
        let xsOf = { (r: ClosedRange<Int>) in p[r].map(\.x) }
        let inner = ys(60...67), outer = ys(48...59), eyes = ys(36...47)
        let mouthX = xsOf(48...59)
        let rowBands = [
            WarpMesh.Band(lo: outer.min()! - 0.1 * u, hi: outer.max()! + 0.1 * u, step: 3 * k),
            WarpMesh.Band(lo: inner.min()! - 2, hi: inner.max()! + 2, step: k),
            WarpMesh.Band(lo: eyes.min()! - 2, hi: eyes.max()! + 2, step: k),
        ]
        let columnBands = [
            WarpMesh.Band(lo: mouthX.min()! - 0.1 * u, hi: mouthX.max()! + 0.1 * u, step: 3 * k),
            WarpMesh.Band(lo: p[36].x - 2, hi: p[39].x + 2, step: 3.5 * k),
            WarpMesh.Band(lo: p[42].x - 2, hi: p[45].x + 2, step: 3.5 * k),
        ]
        let m = WarpMesh(crop: crop, cells: meshCells, columnBands: columnBands, rowBands: rowBands, axes: axes)
        mesh = m

        let slits = RigSlits(
            mouth: Slit(upper: [60, 61, 62, 63, 64], lower: [60, 67, 66, 65, 64], points: p, spread: 0.6,
                        reach: 0.15 * u),
            eyeR: Slit(upper: [36, 37, 38, 39], lower: [36, 41, 40, 39], points: p, spread: 0.8, reach: 0.12 * u),
            eyeL: Slit(upper: [42, 43, 44, 45], lower: [42, 47, 46, 45], points: p, spread: 0.8, reach: 0.12 * u))

        let builder = RigBuilder(upright: upright, axes: axes, frame: f, crop: crop, slits: slits)
        vertices = builder.deformData(at: m.positions, exactControls: false)
        landmarkData = builder.deformData(at: landmarks.points, exactControls: true)
    }
}
