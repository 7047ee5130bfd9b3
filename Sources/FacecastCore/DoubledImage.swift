/// A region of an image enlarged 2x with a Lanczos-3 kernel: even pixels are the image's own, odd ones lie half-way
/// between them. The warp samples large faces from it bilinearly. Bilinear weights at a half-pixel offset average two
/// neighbours: on the image itself that is a blur of up to half a pixel, and a warped face came out visibly softer than
/// the rest of the photo (a third of the photo's fine detail left, by the variance of the Laplacian); sampled from the
/// doubled image the blur is a quarter of a pixel, at the same cost per sample.
struct DoubledImage: Sendable {
    /// The image pixel at doubled pixel (0, 0).
    let originX: Int
    let originY: Int
    /// Doubled size: 2n - 1 for a region n pixels across, so the last doubled pixel is the region's last pixel.
    let width: Int
    let height: Int
    let pixels: [UInt8]

    /// Lanczos-3 weights for the point half-way between pixels 0 and 1, on pixels -2…3, in 1/4096ths (summing to
    /// exactly 4096).
    static let halfTaps: [Int32] = {
        func sinc(_ x: Double) -> Double { x == 0 ? 1 : Double.sin(Double.pi * x) / (Double.pi * x) }
        let lobe = [2.5, 1.5, 0.5].map { sinc($0) * sinc($0 / 3) }
        let outer = lobe[0...1].map { Int32(($0 / (2 * lobe.reduce(0, +)) * 4096).rounded()) }
        let centre = 2048 - outer[0] - outer[1]  // the rounding slack, so the taps sum to exactly 4096
        return outer + [centre, centre] + outer.reversed()
    }()

    /// Doubles the rectangle with corners (x0, y0) and (x1, y1), inclusive, clamped to the image. Pixels outside the
    /// rectangle (up to three) still feed the half-way samples near its edges; beyond the image the edge repeats.
    init(_ image: RGBImage, x0: Int, y0: Int, x1: Int, y1: Int) {
        let w = image.width, h = image.height
        let ax = min(max(x0, 0), w - 1), bx = min(max(x1, ax), w - 1)
        let ay = min(max(y0, 0), h - 1), by = min(max(y1, ay), h - 1)
        originX = ax
        originY = ay
        width = 2 * (bx - ax) + 1
        height = 2 * (by - ay) + 1
        let taps = Self.halfTaps
        // Rows ay-2 … by+3 (clamped) doubled across.
        let rowLo = max(0, ay - 2), rowHi = min(h - 1, by + 3)
        let across = width
        var wide = [UInt8](repeating: 0, count: (rowHi - rowLo + 1) * across * 3)
        image.pixels.withUnsafeBufferPointer { src in
            wide.withUnsafeMutableBufferPointer { dst in
                for y in rowLo...rowHi {
                    let row = y * w * 3, out = (y - rowLo) * across * 3
                    for m in 0...(bx - ax) {
                        let x = ax + m
                        for c in 0..<3 { dst[out + 2 * m * 3 + c] = src[row + x * 3 + c] }
                        guard x < bx else { continue }
                        for c in 0..<3 {
                            var acc: Int32 = 2048
                            for k in 0..<6 {
                                let xx = min(max(x - 2 + k, 0), w - 1)
                                acc += taps[k] * Int32(src[row + xx * 3 + c])
                            }
                            dst[out + (2 * m + 1) * 3 + c] = UInt8(clamping: acc >> 12)
                        }
                    }
                }
            }
        }
        // Then down.
        var out = [UInt8](repeating: 0, count: width * height * 3)
        let rowBytes = across * 3
        wide.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for m in 0...(by - ay) {
                    let y = ay + m
                    let even = (y - rowLo) * rowBytes
                    for i in 0..<rowBytes { dst[2 * m * rowBytes + i] = src[even + i] }
                    guard y < by else { continue }
                    let rows = (0..<6).map { (min(max(y - 2 + $0, 0), h - 1) - rowLo) * rowBytes }
                    let o = (2 * m + 1) * rowBytes
                    for i in 0..<rowBytes {
                        var acc: Int32 = 2048
                        for k in 0..<6 { acc += taps[k] * Int32(src[rows[k] + i]) }
                        dst[o + i] = UInt8(clamping: acc >> 12)
                    }
                }
            }
        }
        pixels = out
    }
}
