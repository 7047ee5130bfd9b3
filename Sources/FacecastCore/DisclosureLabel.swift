/// The visible "AI-GENERATED" disclosure: white capitals on a translucent dark box in a frame corner.
/// Precomputed once per video as a coverage mask, then blended onto every frame.
public struct DisclosureLabel: Sendable {
    public let box: (x: Int, y: Int, width: Int, height: Int)
    private let coverage: [UInt8]  // 0 background box, 255 text

    public static let text = "AI-GENERATED"

    /// A label sized for a frame of the given size, placed bottom-right.
    public init(frameWidth: Int, frameHeight: Int, text: String = DisclosureLabel.text) {
        let scale = max(2, min(frameWidth, frameHeight) / 220)
        let glyphs = text.uppercased().map { Self.font[$0] ?? Self.font[" "]! }
        let pad = 2 * scale
        let textW = glyphs.count * 6 * scale - scale
        let w = min(frameWidth, textW + 2 * pad)
        let h = min(frameHeight, 7 * scale + 2 * pad)
        let margin = max(4, scale * 3)
        box = (max(0, frameWidth - w - margin), max(0, frameHeight - h - margin), w, h)
        var cov = [UInt8](repeating: 0, count: w * h)
        for (k, rows) in glyphs.enumerated() {
            for (gy, row) in rows.enumerated() {
                for gx in 0..<5 where row & (1 << (4 - gx)) != 0 {
                    for dy in 0..<scale {
                        for dx in 0..<scale {
                            let x = pad + (k * 6 + gx) * scale + dx, y = pad + gy * scale + dy
                            if x < w && y < h { cov[y * w + x] = 255 }
                        }
                    }
                }
            }
        }
        coverage = cov
    }

    /// Blends the label into a frame buffer of the size given at init.
    public func draw(into pixels: inout [UInt8], frameWidth: Int) {
        pixels.withUnsafeMutableBufferPointer { px in
            for y in 0..<box.height {
                for x in 0..<box.width {
                    let o = ((box.y + y) * frameWidth + box.x + x) * 3
                    if coverage[y * box.width + x] != 0 {
                        px[o] = 255; px[o + 1] = 255; px[o + 2] = 255
                    } else {
                        // 55 % black box behind the text.
                        px[o] = UInt8(Int(px[o]) * 45 / 100)
                        px[o + 1] = UInt8(Int(px[o + 1]) * 45 / 100)
                        px[o + 2] = UInt8(Int(px[o + 2]) * 45 / 100)
                    }
                }
            }
        }
    }

    /// 5×7 glyphs, one byte per row, bit 4 = leftmost column.
    static let font: [Character: [UInt8]] = [
        "A": [0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11],
        "D": [0x1E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1E],
        "E": [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F],
        "G": [0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F],
        "I": [0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E],
        "N": [0x11, 0x19, 0x15, 0x13, 0x11, 0x11, 0x11],
        "R": [0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11],
        "T": [0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
        "-": [0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00],
        " ": [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
    ]
}
