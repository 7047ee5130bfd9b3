import RealModule

/// Which pixels of a frame are background (counted by the background-stability PSNR).
public struct BackgroundMask: Sendable {
    public let width: Int, height: Int
    /// true = background pixel (counted in PSNR). Row-major, `y * width + x`.
    public private(set) var isBackground: [Bool]

    /// Excludes, for every landmark set given (source face mapped into the video + every re-detected frame), a dilated head-and-neck region:
    /// let b = bounding box of the 68 points (w, h). Head: ellipse centred at (b.midX, b.midY - 0.25*h) with semi-axes (headWidthFactor*w, headHeightFactor*h).
    /// Neck and shoulders: the rectangle x in b.midX ± neckWidthFactor*w, y from b.midY to the bottom of the frame. Defaults: headWidthFactor 1.0, headHeightFactor 1.25, neckWidthFactor 0.9.
    /// Also excludes `excluded` rectangles (the disclosure label's box), each grown by 2 px.
    ///
    /// Pixel (x, y) is tested at its integer coordinates (landmark pixel convention); region edges are inclusive.
    /// A rectangle excludes pixels x in [minX-2, maxX+2), y in [minY-2, maxY+2).
    public init(width: Int, height: Int, faces: [FaceLandmarks], excluded: [Rect] = [], headWidthFactor: Double = 1.0,
                headHeightFactor: Double = 1.25, neckWidthFactor: Double = 0.9) {
        let width = max(0, width), height = max(0, height)
        self.width = width
        self.height = height
        var mask = [Bool](repeating: true, count: width * height)
        guard width > 0, height > 0 else {
            isBackground = mask
            return
        }
        struct Shape { var cx, cy, rx, ry, neckLo, neckHi, neckTop: Double }
        let shapes: [Shape] = faces.compactMap { face in
            let b = Rect.bounding(face.points)
            let w = b.width, h = b.height
            guard w.isFinite, h.isFinite, w > 0 || h > 0 else { return nil }
            let mid = b.center
            return Shape(cx: mid.x, cy: mid.y - 0.25 * h, rx: headWidthFactor * w, ry: headHeightFactor * h,
                         neckLo: mid.x - neckWidthFactor * w, neckHi: mid.x + neckWidthFactor * w, neckTop: mid.y)
        }
        // Per row: gather the excluded x-intervals of every shape, merge them, clear the pixels once.
        var spans: [(Int, Int)] = []
        spans.reserveCapacity(2 * shapes.count + excluded.count)
        for y in 0..<height {
            spans.removeAll(keepingCapacity: true)
            let fy = Double(y)
            func add(_ lo: Double, _ hi: Double) {
                let a = max(0, Int(lo.rounded(.up))), b = min(width - 1, Int(hi.rounded(.down)))
                if a <= b { spans.append((a, b)) }
            }
            for s in shapes {
                if s.ry > 0 {
                    let dy = (fy - s.cy) / s.ry
                    if abs(dy) <= 1 {
                        let half = s.rx * (1 - dy * dy).squareRoot()
                        add(s.cx - half, s.cx + half)
                    }
                }
                if fy >= s.neckTop { add(s.neckLo, s.neckHi) }
            }
            for r in excluded where fy >= r.minY - 2 && fy < r.maxY + 2 {
                let lo = (r.minX - 2).rounded(.up), hi = (r.maxX + 2).rounded(.up) - 1
                add(lo, hi)
            }
            guard !spans.isEmpty else { continue }
            spans.sort { $0.0 < $1.0 }
            var (lo, hi) = spans[0]
            let row = y * width
            for (a, b) in spans.dropFirst() {
                if a <= hi + 1 {
                    hi = max(hi, b)
                } else {
                    for x in lo...hi { mask[row + x] = false }
                    (lo, hi) = (a, b)
                }
            }
            for x in lo...hi { mask[row + x] = false }
        }
        isBackground = mask
    }

    /// Share of the frame counted as background (0…1).
    public var backgroundFraction: Double {
        guard !isBackground.isEmpty else { return 0 }
        return Double(isBackground.lazy.filter { $0 }.count) / Double(isBackground.count)
    }
}

/// Image comparison measures.
public enum ImageQuality {
    /// PSNR in dB over the RGB channels of the pixels where mask.isBackground; identical → 100 (cap at 100).
    /// Sizes of both images and the mask must match (return nil otherwise, or if no background pixel).
    public static func psnr(_ a: RGBImage, _ b: RGBImage, mask: BackgroundMask) -> Double? {
        guard a.width == b.width, a.height == b.height, mask.width == a.width, mask.height == a.height else { return nil }
        var sum: UInt64 = 0
        var count = 0
        a.pixels.withUnsafeBufferPointer { pa in
            b.pixels.withUnsafeBufferPointer { pb in
                for (p, bg) in mask.isBackground.enumerated() where bg {
                    let o = p * 3
                    for c in 0..<3 {
                        let d = Int(pa[o + c]) - Int(pb[o + c])
                        sum &+= UInt64(d * d)
                    }
                    count += 1
                }
            }
        }
        guard count > 0 else { return nil }
        guard sum > 0 else { return 100 }
        let mse = Double(sum) / Double(3 * count)
        return min(100, 10 * Double.log10(255 * 255 / mse))
    }

    /// Fine detail inside `box` (clamped to the image, less its outer pixel ring): the variance of the 4-neighbour
    /// Laplacian of the luma (BT.601 weights). Blur lowers it, sharpening and noise raise it. nil for an empty box.
    public static func laplacianVariance(_ image: RGBImage, in box: Rect) -> Double? {
        let x0 = max(1, Int(box.x.rounded())), y0 = max(1, Int(box.y.rounded()))
        let x1 = min(image.width - 2, Int((box.x + box.width).rounded()) - 1)
        let y1 = min(image.height - 2, Int((box.y + box.height).rounded()) - 1)
        guard x0 <= x1, y0 <= y1 else { return nil }
        // Luma of the box and its one-pixel ring, each pixel once.
        let lw = x1 - x0 + 3
        var luma = [Double]()
        luma.reserveCapacity(lw * (y1 - y0 + 3))
        for y in (y0 - 1)...(y1 + 1) { for x in (x0 - 1)...(x1 + 1) { luma.append(RGBf(image, x: x, y: y).luma) } }
        var sum = 0.0, sumSq = 0.0
        for y in 1...(y1 - y0 + 1) {
            for x in 1...(x1 - x0 + 1) {
                let k = y * lw + x
                let l = 4 * luma[k] - luma[k - 1] - luma[k + 1] - luma[k - lw] - luma[k + lw]
                sum += l
                sumSq += l * l
            }
        }
        let n = Double((x1 - x0 + 1) * (y1 - y0 + 1))
        let mean = sum / n
        return max(0, sumSq / n - mean * mean)
    }
}
