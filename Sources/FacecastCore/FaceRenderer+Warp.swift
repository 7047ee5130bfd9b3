extension FaceRenderer {
    /// Faces with eyes closer than this many pixels are sampled from the warp source itself with the Catmull-Rom
    /// kernel; larger ones bilinearly from the source doubled (`DoubledImage`), which keeps about as much of the
    /// photo's fine detail as that kernel at the speed of bilinear sampling (the cubic kernel is 2.5x slower).
    /// Bilinear on the source itself blurs by up to half a pixel: that cost astronaut.png, 43 px between the eyes,
    /// 0.015 of identity distance, and left large faces visibly softer than the photo around them.
    static let sharpSamplingBelowIOD = 80.0

    /// The doubled warp sources for a rig (one per source, over its crop and a 3-pixel margin), or none for a small
    /// face.
    static func doubled(_ sources: [RGBImage], rig: Rig) -> [DoubledImage] {
        guard rig.frame.iod >= sharpSamplingBelowIOD else { return [] }
        let c = rig.cropRect
        let x0 = Int(c.x.rounded(.down)) - 3, y0 = Int(c.y.rounded(.down)) - 3
        let x1 = Int((c.x + c.width).rounded(.up)) + 3, y1 = Int((c.y + c.height).rounded(.up)) + 3
        return sources.map { DoubledImage($0, x0: x0, y0: y0, x1: x1, y1: y1) }
    }

    /// Rasterises every moving mesh triangle at its deformed position, mapping each destination pixel back to
    /// its rest position (barycentric) and sampling the base (its parted lips filled, see `warpSource` and
    /// `closingSources`)
    /// bilinearly from its doubled copy, or bicubically from itself on small faces. Static triangles are skipped: the
    /// buffer already holds the base there.
    func warp(_ pose: FramePose, into pixels: inout [UInt8]) {
        let mesh = rig.mesh
        let n = mesh.vertexCount
        var dx = [Float](repeating: 0, count: n), dy = dx
        var moved = [Bool](repeating: false, count: n)
        rig.deform(rig.vertices, pose, x: &dx, y: &dy, moved: &moved)
        let cols = mesh.columns, rows = mesh.rows
        let width = base.width, height = base.height
        let level = closingSources.isEmpty ? 0
            : min(max(Int((pose.weights[RigBasis.close.rawValue] * 3).rounded()), 0), 3)
        let source = closingSources.isEmpty ? warpSource : closingSources[level]
        let doubled = doubledSources.isEmpty ? nil : doubledSources[level]
        (doubled?.pixels ?? source.pixels).withUnsafeBufferPointer { srcBuf in
        pixels.withUnsafeMutableBufferPointer { dstBuf in
        dx.withUnsafeBufferPointer { px in
        dy.withUnsafeBufferPointer { py in
        moved.withUnsafeBufferPointer { mv in
        rig.vertices.x.withUnsafeBufferPointer { sx in
        rig.vertices.y.withUnsafeBufferPointer { sy in
        TriangleRaster.catmullRom.withUnsafeBufferPointer { weights in
            let raster = doubled.map {
                TriangleRaster(src: srcBuf.baseAddress!, dst: dstBuf.baseAddress!, width: width, height: height,
                               source: ($0.width, $0.height, 2, Float($0.originX), Float($0.originY)),
                               cubicWeights: nil)
            } ?? TriangleRaster(src: srcBuf.baseAddress!, dst: dstBuf.baseAddress!, width: width, height: height,
                                source: (width, height, 1, 0, 0),
                                cubicWeights: rig.frame.iod < Self.sharpSamplingBelowIOD ? weights.baseAddress! : nil)
            for r in 0..<(rows - 1) {
                for c in 0..<(cols - 1) {
                    let a = r * cols + c, b = a + 1, d = a + cols, e = d + 1
                    let ma = mv[a], mb = mv[b], md = mv[d], me = mv[e]
                    if ma || mb || me {
                        raster.draw(px[a], py[a], px[b], py[b], px[e], py[e],
                                    sx[a], sy[a], sx[b], sy[b], sx[e], sy[e])
                    }
                    if ma || me || md {
                        raster.draw(px[a], py[a], px[e], py[e], px[d], py[d],
                                    sx[a], sy[a], sx[e], sy[e], sx[d], sy[d])
                    }
                }
            }
        }}}}}}}}
    }
}

/// Scanline rasteriser for one inverse-mapped triangle. Pixel centres are at integer coordinates; a pixel
/// belongs to a triangle when its centre is in the half-open span [left, right) x [top, bottom), and shared
/// edges are evaluated identically from both sides, so a fold-free mesh covers every pixel exactly once.
struct TriangleRaster {
    let src: UnsafePointer<UInt8>
    let dst: UnsafeMutablePointer<UInt8>
    let width: Int
    let height: Int
    /// What `src` holds: its size, and the image pixel each of its pixels is (image = origin + pixel / scale).
    let source: (width: Int, height: Int, scale: Float, originX: Float, originY: Float)
    /// `cubicWeights` (non-nil): sample with this Catmull-Rom kernel instead of bilinearly (pixels on the image's
    /// outer ring stay bilinear).
    let cubicWeights: UnsafePointer<Int32>?

    /// Catmull-Rom weights for the four taps at -1, 0, 1, 2 around a sample, per 1/256 of a pixel, in 1/256ths
    /// (each row sums to exactly 256): what `cubicWeights` points to.
    static let catmullRom: [Int32] = (0..<256).flatMap { k -> [Int32] in
        let t = Double(k) / 256, t2 = t * t, t3 = t2 * t
        let w0 = Int32(((-t3 + 2 * t2 - t) / 2 * 256).rounded())
        let w2 = Int32(((-3 * t3 + 4 * t2 + t) / 2 * 256).rounded())
        let w3 = Int32(((t3 - t2) / 2 * 256).rounded())
        return [w0, 256 - w0 - w2 - w3, w2, w3]
    }

    /// Writes the interpolation of the 4x4 pixels whose top-left is at byte offset `corner` with kernel `w`
    /// (`catmullRom`).
    @inline(__always)
    func cubicSample(_ w: UnsafePointer<Int32>, at corner: Int, wx: Int, wy: Int, stride: Int,
                     into out: UnsafeMutablePointer<UInt8>) {
        let ax = wx &* 4, ay = wy &* 4
        let x0 = Int(w[ax]), x1 = Int(w[ax + 1]), x2 = Int(w[ax + 2]), x3 = Int(w[ax + 3])
        var r = 0, g = 0, b = 0
        var p = src + corner
        for k in 0..<4 {
            let wyk = Int(w[ay &+ k])
            r &+= wyk &* (x0 &* Int(p[0]) &+ x1 &* Int(p[3]) &+ x2 &* Int(p[6]) &+ x3 &* Int(p[9]))
            g &+= wyk &* (x0 &* Int(p[1]) &+ x1 &* Int(p[4]) &+ x2 &* Int(p[7]) &+ x3 &* Int(p[10]))
            b &+= wyk &* (x0 &* Int(p[2]) &+ x1 &* Int(p[5]) &+ x2 &* Int(p[8]) &+ x3 &* Int(p[11]))
            p += stride
        }
        @inline(__always) func clamp(_ v: Int) -> UInt8 {
            let q = (v &+ 32768) >> 16
            return UInt8(truncatingIfNeeded: q < 0 ? 0 : (q > 255 ? 255 : q))
        }
        out[0] = clamp(r); out[1] = clamp(g); out[2] = clamp(b)
    }

    /// Draws the triangle with destination corners (x, y) and source corners (u, v).
    @inline(__always)
    func draw(_ x0: Float, _ y0: Float, _ x1: Float, _ y1: Float, _ x2: Float, _ y2: Float,
              _ u0: Float, _ v0: Float, _ u1: Float, _ v1: Float, _ u2: Float, _ v2: Float) {
        let e1x = x1 - x0, e1y = y1 - y0, e2x = x2 - x0, e2y = y2 - y0
        let det = e1x * e2y - e1y * e2x
        if abs(det) < 1e-6 { return }
        let inv = 1 / det
        let f1u = u1 - u0, f1v = v1 - v0, f2u = u2 - u0, f2v = v2 - v0
        let mux = (f1u * e2y - f2u * e1y) * inv
        let muy = (f2u * e1x - f1u * e2x) * inv
        let mvx = (f1v * e2y - f2v * e1y) * inv
        let mvy = (f2v * e1x - f1v * e2x) * inv
        let cu = u0 - mux * x0 - muy * y0
        let cv = v0 - mvx * x0 - mvy * y0

        // Sort corners by (y, x) so a shared edge has the same orientation in both triangles.
        var (ax, ay, bx, by, cx, cy) = (x0, y0, x1, y1, x2, y2)
        @inline(__always) func less(_ px: Float, _ py: Float, _ qx: Float, _ qy: Float) -> Bool {
            py < qy || (py == qy && px < qx)
        }
        if less(bx, by, ax, ay) { swap(&ax, &bx); swap(&ay, &by) }
        if less(cx, cy, bx, by) { swap(&bx, &cx); swap(&by, &cy) }
        if less(bx, by, ax, ay) { swap(&ax, &bx); swap(&ay, &by) }

        let jStart = max(0, Int((ay).rounded(.up)))
        let jEnd = min(height - 1, Int((cy).rounded(.up)) - 1)
        if jStart > jEnd { return }
        // Edge slopes, each computed from its (y, x)-sorted end points: identical in both triangles sharing it.
        let longSlope = (cx - ax) / (cy - ay)
        let topSlope = by > ay ? (bx - ax) / (by - ay) : 0
        let bottomSlope = cy > by ? (cx - bx) / (cy - by) : 0
        let srcWidth = source.width, srcHeight = source.height, scale = source.scale
        let maxU = Float(srcWidth) - 1.001, maxV = Float(srcHeight) - 1.001
        let stride = srcWidth * 3
        let stepU = mux * scale, stepV = mvx * scale
        for j in jStart...jEnd {
            let fy = Float(j)
            let xa = ax + (fy - ay) * longSlope
            let xb = fy < by ? ax + (fy - ay) * topSlope : bx + (fy - by) * bottomSlope
            let xl = min(xa, xb), xr = max(xa, xb)
            let iStart = max(0, Int(xl.rounded(.up)))
            let iEnd = min(width - 1, Int(xr.rounded(.up)) - 1)
            if iStart > iEnd { continue }
            let rowU = (muy * fy + cu - source.originX) * scale, rowV = (mvy * fy + cv - source.originY) * scale
            var o = (j &* width &+ iStart) &* 3
            for i in iStart...iEnd {
                let fi = Float(i)
                var su = rowU + stepU * fi, sv = rowV + stepV * fi
                su = su < 0 ? 0 : (su > maxU ? maxU : su)
                sv = sv < 0 ? 0 : (sv > maxV ? maxV : sv)
                let qu = Int(su * 256), qv = Int(sv * 256)
                let wx = qu & 255, wy = qv & 255
                let iu = qu >> 8, iv = qv >> 8
                let i00 = (iv &* srcWidth &+ iu) &* 3
                if let w = cubicWeights, iu >= 1 && iu < srcWidth - 2 && iv >= 1 && iv < srcHeight - 2 {
                    cubicSample(w, at: i00 &- stride &- 3, wx: wx, wy: wy, stride: stride, into: dst + o)
                    o += 3
                    continue
                }
                let i01 = i00 &+ stride
                for ch in 0..<3 {
                    let p00 = Int(src[i00 &+ ch]), p10 = Int(src[i00 &+ 3 &+ ch])
                    let p01 = Int(src[i01 &+ ch]), p11 = Int(src[i01 &+ 3 &+ ch])
                    let top = (p00 << 8) &+ (p10 &- p00) &* wx
                    let bottom = (p01 << 8) &+ (p11 &- p01) &* wx
                    dst[o &+ ch] = UInt8(truncatingIfNeeded: ((top << 8) &+ (bottom &- top) &* wy &+ 32768) >> 16)
                }
                o += 3
            }
        }
    }
}
