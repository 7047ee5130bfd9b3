import RealModule

extension FaceRenderer {
    /// Iris travel at gaze ±1, in eye widths, before the soft limit that keeps it out of the corners.
    static let gazeReachX = 0.35
    static let gazeReachY = 0.06
    /// Closest the (padded) iris gets to an eye corner, in eye widths.
    static let cornerMargin = 0.06

    /// Moves each iris within its (deformed) eye opening by the gaze: a local inverse warp of the warped frame,
    /// column by column, that never samples outside the opening.
    /// - Across the eye, the iris (padded to a rigid band) shifts by the gaze and the sclera between it and each
    ///   corner is compressed on the leading side and stretched on the trailing side; the corners stay put.
    ///   Where that stretches a few pixels of sclera far (an iris that starts near a corner), the photo's sclera
    ///   colour fills the middle of the stretch, which is limited to 3x.
    /// - Down each column, the sclera beside the band is fitted from the sampled column's opening onto this one,
    ///   so it follows the lids; the band keeps its rows, and where it lands on a taller part of the opening than
    ///   it came from, the rows the lid hid repeat the nearest row the frame shows. The vertical gaze bows each
    ///   column's content between its fixed lid ends.
    /// The effect ramps in over the first pixel inside the lid contour and is exactly zero on and outside it,
    /// fades out as a blink closes the eye, and gaze 0 changes nothing.
    func moveIrises(_ params: RigParams, landmarks lm: [Point], into pixels: inout [UInt8]) {
        func unit(_ v: Double) -> Double { v.isFinite ? min(max(v, -1), 1) : 0 }
        let gx = unit(params.gazeX), gy = unit(params.gazeY)
        guard gx != 0 || gy != 0 else { return }
        for (k, eye) in eyes.enumerated() {
            guard let eye else { continue }
            moveIris(eye, k, gx, gy, landmarks: lm, into: &pixels)
        }
    }

    private func moveIris(_ eye: Eyeball, _ k: Int, _ gx: Double, _ gy: Double, landmarks lm: [Point],
                          into pixels: inout [UInt8]) {
        let (upper, lower) = Eyeball.opening(lm, eye: k)
        let xl = upper[0].x, xr = upper[upper.count - 1].x
        let cornerL = upper[0], cornerR = upper[upper.count - 1]
        let height = Eyeball.height(upper, lower)
        let fade = Ease.smooth(0.2, 0.5, height / eye.openHeight)
        guard fade > 0 else { return }

        // The photo's iris carried along with the eye corners (a similarity: head turn, roll, shift).
        let axis0 = eye.cornerR - eye.cornerL, axis = cornerR - cornerL
        let width = axis.length
        let n0 = axis0.dot(axis0)
        guard width >= 4, n0 > 0 else { return }
        let za = axis0.dot(axis) / n0, zb = (axis0.x * axis.y - axis0.y * axis.x) / n0
        let rel = eye.center - eye.cornerL
        let center = cornerL + Point(za * rel.x - zb * rel.y, zb * rel.x + za * rel.y)
        let radius = eye.radius * (za * za + zb * zb).squareRoot()

        // The rigid band: the iris with a margin of sclera, so its edge never stretches.
        let half = 1.1 * radius + 0.75
        let room = (left: center.x - half - xl, right: xr - (center.x + half))
        let margin = Self.cornerMargin * width
        let e = axis / width, nrm = Point(-e.y, e.x)
        // Limits: the leading side keeps a margin; the trailing side's sclera stretches at most 3x.
        let limit = gx > 0 ? min(room.right - margin, 2 * room.left) : min(room.left - margin, 2 * room.right)
        let along = Self.softShift(gx * Self.gazeReachX * width, room: limit)
        let across = gy * Self.gazeReachY * width
        var sx = along * e.x + across * nrm.x
        let sy = along * e.y + across * nrm.y
        sx = min(max(sx, -(room.left - 0.5)), room.right - 0.5)
        guard room.left > 0.5, room.right > 0.5, abs(sx) > 0.01 || abs(sy) > 0.01 else { return }
        let bandL = center.x - half + sx, bandR = center.x + half + sx  // rigid band, destination

        // A copy of the eye box to sample from (the frame is rewritten in place).
        let (w, h) = (base.width, base.height)
        let yTop = min(upper.map(\.y).min()!, lower.map(\.y).min()!)
        let yBottom = max(upper.map(\.y).max()!, lower.map(\.y).max()!)
        let bx0 = max(0, Int(xl.rounded(.down)) - 1), bx1 = min(w - 1, Int(xr.rounded(.up)) + 1)
        let by0 = max(0, Int((yTop - abs(sy)).rounded(.down)) - 2)
        let by1 = min(h - 1, Int((yBottom + abs(sy)).rounded(.up)) + 2)
        let iStart = max(0, Int(xl.rounded(.up))), iEnd = min(w - 1, Int(xr.rounded(.down)))
        guard bx0 < bx1, by0 < by1, iStart <= iEnd else { return }
        let bw = bx1 - bx0 + 1, bh = by1 - by0 + 1
        var box = [UInt8](repeating: 0, count: bw * bh * 3)
        for j in 0..<bh {
            let src = ((by0 + j) * w + bx0) * 3
            for t in 0..<(bw * 3) { box[j * bw * 3 + t] = pixels[src + t] }
        }
        // Where a few pixels of sclera are stretched far, paint the photo's sclera colour instead.
        let fillL = Ease.smooth(1.6, 2.6, (bandL - xl) / room.left)
        let fillR = Ease.smooth(1.6, 2.6, (xr - bandR) / room.right)
        /// Fill weight across a stretched side, t from its corner (0) to the band (1): the corner and the band's
        /// own edge keep the photo's pixels, the middle takes the sclera colour.
        @inline(__always) func fillProfile(_ t: Double) -> Double {
            Ease.smooth(0.1, 0.35, t) * (1 - Ease.smooth(0.7, 0.95, t))
        }
        let sclera = eye.sclera
        /// 0 at the lids, 1 mid-opening.
        @inline(__always) func bow(_ t: Double) -> Double { 4 * t * (1 - t) }

        box.withUnsafeBufferPointer { bp in
        pixels.withUnsafeMutableBufferPointer { px in
            for i in iStart...iEnd {
                let x = Double(i)
                let yu = Slit.y(upper, at: x), yl = Slit.y(lower, at: x)
                let open = yl - yu
                if open <= 0 { continue }
                // Across: where this column samples from, and how rigidly it moves (1 on the band, 0 at the corners).
                let sampleX: Double, rigid: Double, fill: Double
                if x < bandL {
                    let t = (x - xl) / (bandL - xl)
                    sampleX = xl + t * (center.x - half - xl)
                    rigid = Ease.smooth(0, 1, t)
                    fill = fillL * fillProfile(t)
                } else if x > bandR {
                    let t = (xr - x) / (xr - bandR)
                    sampleX = xr - t * (xr - (center.x + half))
                    rigid = Ease.smooth(0, 1, t)
                    fill = fillR * fillProfile(t)
                } else {
                    sampleX = x - sx
                    rigid = 1
                    fill = 0
                }
                let su = Slit.y(upper, at: sampleX), sl = Slit.y(lower, at: sampleX)
                let scale = (sl - su) / open
                // Vertical gaze, fading towards the corners and limited so the column never folds.
                let syCol = min(max(sy * rigid, -0.2 * open), 0.2 * open)
                let jStart = max(0, Int(yu.rounded(.up))), jEnd = min(h - 1, Int(yl.rounded(.down)))
                guard jStart <= jEnd else { continue }
                for j in jStart...jEnd {
                    let y = Double(j)
                    let depth = min(y - yu, yl - y)
                    if depth <= 0 { continue }
                    let alpha = min(depth, 1) * fade
                    // Down: the sclera bands fit the opening onto the sampled column's; the band keeps its rows;
                    // the vertical gaze bows the column's content between its fixed lid ends.
                    let fitted = su + (y - yu) * scale
                    let t = (y - yu) / open
                    let sampleY = fitted + (y - fitted) * rigid - syCol * bow(t)
                    // What the photo showed under a lid in the frame: the nearest row it did show, in this column.
                    let inset = min(1, 0.25 * (sl - su))
                    let seenY = min(max(sampleY, su + inset), sl - inset)
                    var c = Self.bilinear(bp, bw, bh, sampleX - Double(bx0), seenY - Double(by0))
                    if fill > 0 {
                        let shade = 0.7 + 0.3 * Ease.smooth(0, 0.45 * open, y - yu)  // under the upper lid's shadow
                        c = RGBf.mix(c, sclera * shade, fill)
                    }
                    c.blend(into: px, at: (j * w + i) * 3, coverage: alpha)
                }
            }
        }}
    }

    /// `want` eased so it approaches but never reaches `room` (0 when there is no room).
    static func softShift(_ want: Double, room: Double) -> Double {
        guard room > 0, want != 0 else { return 0 }
        return (want < 0 ? -1 : 1) * room * (1 - Double.exp(-abs(want) / room))
    }

    /// Bilinear sample of a packed RGB buffer, clamped to its edges.
    @inline(__always)
    static func bilinear(_ src: UnsafeBufferPointer<UInt8>, _ width: Int, _ height: Int, _ fx: Double,
                         _ fy: Double) -> RGBf {
        let cx = min(max(fx, 0), Double(width - 1)), cy = min(max(fy, 0), Double(height - 1))
        let x0 = Int(cx), y0 = Int(cy)
        let x1 = min(x0 + 1, width - 1), y1 = min(y0 + 1, height - 1)
        let ax = cx - Double(x0), ay = cy - Double(y0)
        let i00 = (y0 * width + x0) * 3, i10 = (y0 * width + x1) * 3
        let i01 = (y1 * width + x0) * 3, i11 = (y1 * width + x1) * 3
        func ch(_ c: Int) -> Double {
            let top = Double(src[i00 + c]) + (Double(src[i10 + c]) - Double(src[i00 + c])) * ax
            let bottom = Double(src[i01 + c]) + (Double(src[i11 + c]) - Double(src[i01 + c])) * ax
            return top + (bottom - top) * ay
        }
        return RGBf(ch(0), ch(1), ch(2))
    }
}
