/// Sub-pixel motion of image patches between two frames (Lucas–Kanade, translation only).
///
/// The jitter metric needs motion far below a pixel. Landmarks re-fitted independently on every frame cannot give it:
/// on a face drifting by 0.125 px per frame (a known shift made with ffmpeg) the 68-point fit reports about 1.4 px of
/// frame-to-frame motion, while on identical frames it reports none. Tracking the image around each landmark from
/// one frame to the next measures the motion of the picture itself: the landmark says where to look, the pixels say
/// how far it moved.
public enum PatchTracker {
    /// How far the patch of `a` centred at `p` (radius `radius` px, a square window) moved in `b`, in pixels; nil when
    /// the window leaves either frame or has no texture. Luma (BT.601) sampled bilinearly; iterated to 0.01 px.
    /// Along a straight edge only the motion across it is observable: the regularised solve reports ~0 along it.
    public static func displacement(from a: RGBImage, to b: RGBImage, at p: Point, radius: Int,
                                    iterations: Int = 12) -> Point? {
        guard a.width == b.width, a.height == b.height, radius >= 1 else { return nil }
        let r = Double(radius)
        // Keep the window (plus a pixel for gradients and up to 3 px of motion) inside both frames.
        let margin = r + 4
        guard p.x - margin >= 0, p.y - margin >= 0, p.x + margin <= Double(a.width - 1),
              p.y + margin <= Double(a.height - 1) else { return nil }
        var template: [Double] = [], gx: [Double] = [], gy: [Double] = []
        let side = 2 * radius + 1
        template.reserveCapacity(side * side)
        gx.reserveCapacity(side * side)
        gy.reserveCapacity(side * side)
        var gxx = 0.0, gxy = 0.0, gyy = 0.0
        for j in -radius...radius {
            for i in -radius...radius {
                let x = p.x + Double(i), y = p.y + Double(j)
                let dx = (luma(a, x + 1, y) - luma(a, x - 1, y)) / 2
                let dy = (luma(a, x, y + 1) - luma(a, x, y - 1)) / 2
                template.append(luma(a, x, y))
                gx.append(dx)
                gy.append(dy)
                gxx += dx * dx
                gxy += dx * dy
                gyy += dy * dy
            }
        }
        let trace = gxx + gyy
        guard trace > Double(side * side) * 1.0 else { return nil }  // flat: under ~1 grey level per pixel
        // A little ridge along the weak direction of an edge keeps the solve stable.
        let lambda = 1e-3 * trace
        let (m11, m12, m22) = (gxx + lambda, gxy, gyy + lambda)
        let det = m11 * m22 - m12 * m12
        guard det > 0 else { return nil }
        var d = Point(0, 0)
        for _ in 0..<iterations {
            var bx = 0.0, by = 0.0, k = 0
            for j in -radius...radius {
                for i in -radius...radius {
                    let diff = template[k] - luma(b, p.x + Double(i) + d.x, p.y + Double(j) + d.y)
                    bx += diff * gx[k]
                    by += diff * gy[k]
                    k += 1
                }
            }
            let step = Point((m22 * bx - m12 * by) / det, (m11 * by - m12 * bx) / det)
            d = d + step
            if abs(d.x) > 3 || abs(d.y) > 3 { return nil }  // lost: more than a small step between frames
            if abs(step.x) < 0.01 && abs(step.y) < 0.01 { break }
        }
        return d
    }

    /// Bilinear BT.601 luma at (x, y); the caller keeps (x, y) at least a pixel inside the image.
    @inline(__always)
    static func luma(_ image: RGBImage, _ x: Double, _ y: Double) -> Double {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = x - Double(x0), fy = y - Double(y0)
        @inline(__always) func at(_ xi: Int, _ yi: Int) -> Double { RGBf(image, x: xi, y: yi).luma }
        let top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
        let bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }
}
