/// An 8-bit RGB raster, rows top to bottom, pixels interleaved R, G, B, no row padding.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0, "image dimensions must be positive")
        precondition(pixels.count == width * height * 3, "pixel buffer must hold width*height*3 bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A solid-colour image.
    public init(width: Int, height: Int, fill: (UInt8, UInt8, UInt8) = (0, 0, 0)) {
        precondition(width > 0 && height > 0, "image dimensions must be positive")
        self.width = width
        self.height = height
        var px = [UInt8](repeating: 0, count: width * height * 3)
        if fill != (0, 0, 0) {
            for i in stride(from: 0, to: px.count, by: 3) {
                px[i] = fill.0
                px[i + 1] = fill.1
                px[i + 2] = fill.2
            }
        }
        self.pixels = px
    }

    public subscript(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        get {
            let i = (y * width + x) * 3
            return (pixels[i], pixels[i + 1], pixels[i + 2])
        }
        set {
            let i = (y * width + x) * 3
            pixels[i] = newValue.0
            pixels[i + 1] = newValue.1
            pixels[i + 2] = newValue.2
        }
    }

    /// Area-averaged (downscale) or bilinear (upscale) resize to the given size.
    public func resized(width newWidth: Int, height newHeight: Int) -> RGBImage {
        if newWidth == width && newHeight == height { return self }
        var out = [UInt8](repeating: 0, count: newWidth * newHeight * 3)
        let sx = Double(width) / Double(newWidth)
        let sy = Double(height) / Double(newHeight)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                if sx > 1 || sy > 1 {
                    // Box filter over the source footprint of each destination pixel.
                    for oy in 0..<newHeight {
                        let y0 = Int(Double(oy) * sy)
                        let y1 = max(y0 + 1, min(height, Int(Double(oy + 1) * sy)))
                        for ox in 0..<newWidth {
                            let x0 = Int(Double(ox) * sx)
                            let x1 = max(x0 + 1, min(width, Int(Double(ox + 1) * sx)))
                            var r = 0, g = 0, b = 0
                            for yy in y0..<y1 {
                                var i = (yy * width + x0) * 3
                                for _ in x0..<x1 {
                                    r += Int(src[i]); g += Int(src[i + 1]); b += Int(src[i + 2])
                                    i += 3
                                }
                            }
                            let n = (y1 - y0) * (x1 - x0)
                            let o = (oy * newWidth + ox) * 3
                            dst[o] = UInt8((r + n / 2) / n)
                            dst[o + 1] = UInt8((g + n / 2) / n)
                            dst[o + 2] = UInt8((b + n / 2) / n)
                        }
                    }
                } else {
                    for oy in 0..<newHeight {
                        let fy = (Double(oy) + 0.5) * sy - 0.5
                        for ox in 0..<newWidth {
                            let fx = (Double(ox) + 0.5) * sx - 0.5
                            let o = (oy * newWidth + ox) * 3
                            RGBImage.bilinear(src, width, height, fx, fy, into: dst, at: o)
                        }
                    }
                }
            }
        }
        return RGBImage(width: newWidth, height: newHeight, pixels: out)
    }

    /// This image moved `share` (0…1) of the way towards `other` (same size), pixel by pixel, rounded.
    func blended(with other: RGBImage, share: Double) -> RGBImage {
        precondition(other.width == width && other.height == height, "images must be the same size")
        var out = self
        let t = Int((share * 256).rounded())
        for i in pixels.indices where pixels[i] != other.pixels[i] {
            let a = Int(pixels[i]), b = Int(other.pixels[i])
            out.pixels[i] = UInt8(truncatingIfNeeded: (a * 256 + (b - a) * t + 128) >> 8)
        }
        return out
    }

    /// Copies the rectangle (clamped to the image) into a new image.
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> RGBImage {
        var out = RGBImage(width: w, height: h)
        for oy in 0..<h {
            let sy = min(max(y + oy, 0), height - 1)
            for ox in 0..<w {
                let sx = min(max(x + ox, 0), width - 1)
                out[ox, oy] = self[sx, sy]
            }
        }
        return out
    }

    /// Bilinear sample with edge clamping, written to `dst[o..<o+3]`.
    @inline(__always)
    public static func bilinear(
        _ src: UnsafeBufferPointer<UInt8>, _ width: Int, _ height: Int,
        _ fx: Double, _ fy: Double, into dst: UnsafeMutableBufferPointer<UInt8>, at o: Int
    ) {
        let cx = min(max(fx, 0), Double(width - 1))
        let cy = min(max(fy, 0), Double(height - 1))
        let x0 = Int(cx), y0 = Int(cy)
        let x1 = min(x0 + 1, width - 1), y1 = min(y0 + 1, height - 1)
        let ax = cx - Double(x0), ay = cy - Double(y0)
        let i00 = (y0 * width + x0) * 3, i10 = (y0 * width + x1) * 3
        let i01 = (y1 * width + x0) * 3, i11 = (y1 * width + x1) * 3
        for c in 0..<3 {
            let top = Double(src[i00 + c]) + (Double(src[i10 + c]) - Double(src[i00 + c])) * ax
            let bottom = Double(src[i01 + c]) + (Double(src[i11 + c]) - Double(src[i01 + c])) * ax
            dst[o + c] = UInt8(min(max(top + (bottom - top) * ay + 0.5, 0), 255))
        }
    }
}
