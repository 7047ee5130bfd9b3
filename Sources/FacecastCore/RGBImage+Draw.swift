/// Simple overlay drawing for previews and annotations.
extension RGBImage {
    public mutating func fillDisc(center: Point, radius: Int, colour: (UInt8, UInt8, UInt8)) {
        let cx = Int(center.x.rounded()), cy = Int(center.y.rounded())
        let ylo = max(0, cy - radius), yhi = min(height - 1, cy + radius)
        let xlo = max(0, cx - radius), xhi = min(width - 1, cx + radius)
        guard ylo <= yhi, xlo <= xhi else { return }
        for y in ylo...yhi {
            for x in xlo...xhi {
                if (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius { self[x, y] = colour }
            }
        }
    }

    public mutating func strokeRect(_ rect: Rect, colour: (UInt8, UInt8, UInt8), thickness: Int) {
        let x0 = max(0, Int(rect.minX)), x1 = min(width - 1, Int(rect.maxX))
        let y0 = max(0, Int(rect.minY)), y1 = min(height - 1, Int(rect.maxY))
        guard x0 <= x1, y0 <= y1 else { return }
        for t in 0..<thickness {
            for x in x0...x1 {
                if y0 + t <= y1 { self[x, y0 + t] = colour }
                if y1 - t >= y0 { self[x, y1 - t] = colour }
            }
            for y in y0...y1 {
                if x0 + t <= x1 { self[x0 + t, y] = colour }
                if x1 - t >= x0 { self[x1 - t, y] = colour }
            }
        }
    }

    /// Copies `image` with its top-left corner at (x, y), clipped to this image.
    public mutating func paste(_ image: RGBImage, x: Int, y: Int) {
        let x0 = max(0, x), x1 = min(width, x + image.width)
        let y0 = max(0, y), y1 = min(height, y + image.height)
        guard x0 < x1, y0 < y1 else { return }
        for yy in y0..<y1 {
            let src = ((yy - y) * image.width + (x0 - x)) * 3, dst = (yy * width + x0) * 3
            pixels.replaceSubrange(dst..<dst + (x1 - x0) * 3, with: image.pixels[src..<src + (x1 - x0) * 3])
        }
    }
}
