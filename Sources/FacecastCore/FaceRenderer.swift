/// Renders frames of the rigged face: warps the crop by the rig's mesh (inverse-mapped; bilinear from a doubled
/// source, bicubic on small faces), then paints the mouth interior where the lips part, moves the irises by the gaze
/// and closes the lids over blinking eyes. A pure function of (rig, base, params): safe to call from many tasks at once.
public struct FaceRenderer: Sendable {
    public let rig: Rig
    public let base: RGBImage
    /// What the warp samples: the base, with the photo's parted lips filled in (`MouthInterior.lipFilled`).
    let warpSource: RGBImage
    /// `warpSource` with the dark and teeth at the mouth's corners filled too, in steps: element k has k/3 of that
    /// fill, k = 0…3. A frame samples the one nearest to how far the rig closes the photo's opening (the `close`
    /// blendshape's weight), so pressed lips shut at the corners too while an open mouth keeps its own dark
    /// corners. Empty when there is nothing to fill.
    let closingSources: [RGBImage]
    /// `closingSources` (or `warpSource` alone when there are none) doubled over the crop, for a large face (see
    /// `doubled(_:rig:)`); empty for a small face, sampled bicubically from the sources themselves.
    let doubledSources: [DoubledImage]
    let palette: FacePalette
    /// The photo's open mouth, whose teeth the interior shows (nil when the photo's lips are closed).
    let photoMouth: PhotoMouth?
    /// The photo's eyes (subject's right, left), nil where no iris shows; gaze moves these irises.
    let eyes: [Eyeball?]

    /// base: the static canvas image (same size as given to the Rig). fillPartedLips: false warps the photo as it
    /// is, teeth and all, when the rig closes a parted mouth; fillCorners: false leaves the dark at the mouth's
    /// corners as the photo has it when the lips close; samplingDoubled: false samples a large face bilinearly from
    /// the photo itself, as before doubled sources (all three for comparison in tests).
    public init(rig: Rig, base: RGBImage, fillPartedLips: Bool = true, fillCorners: Bool = true,
                samplingDoubled: Bool = true) {
        precondition(base.width == rig.canvasWidth && base.height == rig.canvasHeight,
                     "base image must be the rig's canvas size")
        self.rig = rig
        self.base = base
        let filled = fillPartedLips
            ? MouthInterior.lipFilled(base, landmarks: rig.landmarks.points, iod: rig.frame.iod, corners: fillCorners) : nil
        let open = filled?.parted ?? base
        warpSource = open
        if let shut = filled?.closing {
            closingSources = [open] + [1.0 / 3, 2.0 / 3].map { open.blended(with: shut, share: $0) } + [shut]
        } else {
            closingSources = []
        }
        doubledSources = samplingDoubled ? Self.doubled(closingSources.isEmpty ? [open] : closingSources, rig: rig) : []
        let palette = FacePalette(base: base, landmarks: rig.landmarks, iod: rig.frame.iod)
        // Only a mouth that shows its teeth is used as it is: between other parted lips (a dark mouth, a moustache
        // over the lip line) the photo's rows are not an interior the jaw can open on.
        photoMouth = palette.showsTeeth ? PhotoMouth(image: base, landmarks: rig.landmarks.points, iod: rig.frame.iod) : nil
        self.palette = palette
        eyes = (0..<2).map {
            Eyeball(base: base, points: rig.landmarks.points, eye: $0, fallbackSclera: palette.teeth)
        }
    }

    /// A full canvas-sized frame for these parameters. Pixels outside the crop are the base's, bit for bit.
    public func render(_ params: RigParams) -> RGBImage {
        var pixels = base.pixels
        renderOverBase(params, into: &pixels)
        return RGBImage(width: base.width, height: base.height, pixels: pixels)
    }

    /// Same, into a caller-owned buffer of width*height*3 bytes (lets the encoder reuse buffers).
    public func render(_ params: RigParams, into pixels: inout [UInt8]) {
        precondition(pixels.count == base.pixels.count, "buffer must hold width*height*3 bytes")
        base.pixels.withUnsafeBufferPointer { src in
            pixels.withUnsafeMutableBufferPointer { dst in
                dst.baseAddress!.update(from: src.baseAddress!, count: src.count)
            }
        }
        renderOverBase(params, into: &pixels)
    }

    /// Where the 68 landmarks land under these parameters (for tests and overlays).
    public func deformedLandmarks(_ params: RigParams) -> [Point] {
        rig.deformedLandmarks(params)
    }

    /// Renders the crop into `pixels`, which must already hold the base image.
    func renderOverBase(_ params: RigParams, into pixels: inout [UInt8]) {
        let pose = rig.pose(params)
        warp(pose, into: &pixels)
        let lm = rig.meshLandmarks(pose)
        paintMouth(params, pose: pose, landmarks: lm, into: &pixels)
        moveIrises(params, landmarks: rig.withLidsClosed(lm, pose), into: &pixels)  // fades as the lids close
        paintLids(pose, landmarks: lm, into: &pixels)
    }
}
