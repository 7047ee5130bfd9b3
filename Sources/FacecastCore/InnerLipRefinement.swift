/// dlib's inner-lip points on a mouth photographed wide open (a dark cavity between the lips) are straight chords a
/// few pixels inside the real opening: on open_mouth the upper ones sit 4–6 px under the upper lip's edge, the lower
/// ones on the lower teeth, above the lower lip. The rig closes the mouth by bringing those points together, so the
/// cavity and teeth outside them stayed in the picture of pressed lips as a dark band and a pale line. This moves the
/// points out to the real edges, only for such a mouth: the rows straight above at least two of the three upper
/// points are as dark as a cavity (under 0.6 of the upper lip's luma) for at least 2 px. Smiles that show their teeth
/// are left alone (teeth are bright), as are closed and slightly parted lips. Pure: no I/O.
public enum InnerLipRefinement {
    /// A row counts as cavity below this share of the lip's luma.
    static let darkShare = 0.6
    /// At least this many upper points must show cavity above them, each by `minimumMove` px or more.
    static let minimumMoved = 2
    static let minimumMove = 2.0

    /// The landmarks with the inner-lip points 61–63 and 65–67 moved to the edges of a dark, wide-open mouth, or
    /// unchanged. A point never moves past the middle of its lip.
    public static func refined(_ landmarks: FaceLandmarks, in image: RGBImage) -> FaceLandmarks {
        let p = landmarks.points
        guard image.width > 0, image.height > 0 else { return landmarks }
        func pixel(_ x: Double, _ y: Double) -> RGBf {
            RGBf(image, x: min(max(Int(x.rounded()), 0), image.width - 1), y: min(max(Int(y.rounded()), 0), image.height - 1))
        }
        // (inner point, the outer point facing it on the same lip)
        let upperPairs = [(61, 50), (62, 51), (63, 52)], lowerPairs = [(65, 56), (66, 57), (67, 58)]
        func middle(_ k: Int, _ o: Int) -> RGBf { pixel(p[o].x, (p[o].y + p[k].y) / 2) }
        let lipU = QualitySignals.median(upperPairs.map { middle($0.0, $0.1).luma })
        let lipL = QualitySignals.median(lowerPairs.map { middle($0.0, $0.1).luma })
        let satL = QualitySignals.median(lowerPairs.map { saturation(middle($0.0, $0.1)) })

        // Upper: the topmost row of the unbroken dark run straight above each point, up to the lip's middle.
        var upperY: [Int: Double] = [:]
        for (k, o) in upperPairs {
            let x = p[k].x, limit = (p[o].y + p[k].y) / 2
            var y = (p[k].y - 1).rounded(), top: Double?
            while y > limit, pixel(x, y).luma < darkShare * lipU { top = y; y -= 1 }
            if let top, p[k].y - (top - 0.5) >= minimumMove { upperY[k] = top - 0.5 }
        }
        guard upperY.count >= minimumMoved else { return landmarks }

        // Lower: down through cavity and teeth (bright, or about as bright as the lip but far greyer) to the lip.
        func opening(_ c: RGBf) -> Bool {
            let l = c.luma
            return l < darkShare * lipL || l > MouthInterior.teethLuma(lip: lipL) || (l > 0.8 * lipL && saturation(c) < 0.7 * satL)
        }
        var points = p
        for (k, y) in upperY { points[k].y = y }
        for (k, o) in lowerPairs {
            let x = p[k].x, limit = (p[o].y + p[k].y) / 2
            var y = (p[k].y + 1).rounded(), bottom: Double?
            while y < limit, opening(pixel(x, y)) { bottom = y; y += 1 }
            if let bottom { points[k].y = bottom + 0.5 }
        }
        return FaceLandmarks(box: landmarks.box, points: points)
    }

    /// (max − min) / max of the channels: 0 for grey, teeth well under a coloured lip.
    static func saturation(_ c: RGBf) -> Double {
        let hi = max(c.r, c.g, c.b)
        return hi > 0 ? (hi - min(c.r, c.g, c.b)) / hi : 0
    }
}
