/// EXIF orientation (TIFF tag 0x0112): how the stored pixels must be transformed to display upright.
public enum ImageOrientation: Int, Sendable, Codable {
    case up = 1, upMirrored = 2, down = 3, downMirrored = 4
    case leftMirrored = 5, right = 6, rightMirrored = 7, left = 8

    /// How a viewer shows the stored picture, in words (e.g. "turned 90° clockwise").
    public var turn: String {
        switch self {
        case .up: "as stored"
        case .upMirrored: "mirrored left to right"
        case .down: "turned 180°"
        case .downMirrored: "mirrored top to bottom"
        case .leftMirrored: "mirrored and turned 90° counter-clockwise"
        case .right: "turned 90° clockwise"
        case .rightMirrored: "mirrored and turned 90° clockwise"
        case .left: "turned 90° counter-clockwise"
        }
    }

    /// Reads the orientation from a JPEG's APP1 Exif segment; `.up` when absent or unreadable.
    public static func fromJPEG(_ bytes: [UInt8]) -> ImageOrientation {
        let exif: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]
        guard let payload = JPEGHeader.segment(0xE1, startingWith: exif, minimumLength: 14, in: bytes) else { return .up }
        return fromTIFF(bytes, start: payload.lowerBound + exif.count, end: payload.upperBound) ?? .up
    }

    /// Parses the orientation tag of IFD0 in a TIFF structure at bytes[start..<end].
    static func fromTIFF(_ b: [UInt8], start: Int, end: Int) -> ImageOrientation? {
        guard end - start >= 8 else { return nil }
        let little: Bool
        switch (b[start], b[start + 1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ o: Int) -> Int? {
            guard o >= start, o + 2 <= end else { return nil }
            return little ? Int(b[o]) | Int(b[o + 1]) << 8 : Int(b[o]) << 8 | Int(b[o + 1])
        }
        func u32(_ o: Int) -> Int? {
            guard let lo = u16(little ? o : o + 2), let hi = u16(little ? o + 2 : o) else { return nil }
            return hi << 16 | lo
        }
        guard let ifd = u32(start + 4), let count = u16(start + ifd) else { return nil }
        for k in 0..<count {
            let entry = start + ifd + 2 + k * 12
            guard let tag = u16(entry) else { return nil }
            if tag == 0x0112, let value = u16(entry + 8) {
                return ImageOrientation(rawValue: value)
            }
        }
        return nil
    }
}

extension RGBImage {
    /// The image transformed so it displays upright for the given EXIF orientation.
    public func applying(_ orientation: ImageOrientation) -> RGBImage {
        if orientation == .up { return self }
        let swaps = orientation.rawValue >= 5
        let w = swaps ? height : width
        let h = swaps ? width : height
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                // (x, y) in the upright output → (sx, sy) in the stored image.
                let (sx, sy): (Int, Int)
                switch orientation {
                case .up: (sx, sy) = (x, y)
                case .upMirrored: (sx, sy) = (width - 1 - x, y)
                case .down: (sx, sy) = (width - 1 - x, height - 1 - y)
                case .downMirrored: (sx, sy) = (x, height - 1 - y)
                case .leftMirrored: (sx, sy) = (y, x)
                case .right: (sx, sy) = (y, height - 1 - x)
                case .rightMirrored: (sx, sy) = (width - 1 - y, height - 1 - x)
                case .left: (sx, sy) = (width - 1 - y, x)
                }
                let s = (sy * width + sx) * 3, o = (y * w + x) * 3
                out[o] = pixels[s]
                out[o + 1] = pixels[s + 1]
                out[o + 2] = pixels[s + 2]
            }
        }
        return RGBImage(width: w, height: h, pixels: out)
    }
}

/// The header segments of a JPEG file, before its image data.
public enum JPEGHeader {
    /// The payload (after the marker and length) of the first segment with `marker` whose payload starts with
    /// `prefix` and is at least `minimumLength` bytes long, before the image data starts; nil when there is none or
    /// the header is malformed.
    public static func segment(_ marker: UInt8, startingWith prefix: [UInt8], minimumLength: Int = 0,
                               in bytes: [UInt8]) -> Range<Int>? {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var i = 2
        while i + 4 <= bytes.count {
            guard bytes[i] == 0xFF else { return nil }
            let m = bytes[i + 1]
            if m == 0xD8 || (0xD0...0xD7).contains(m) || m == 0x01 {
                i += 2
                continue
            }
            if m == 0xDA || m == 0xD9 { return nil }  // image data starts
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 2, i + 2 + length <= bytes.count else { return nil }
            let payload = (i + 4)..<(i + 2 + length)
            if m == marker, payload.count >= max(minimumLength, prefix.count),
               bytes[payload.lowerBound..<payload.lowerBound + prefix.count].elementsEqual(prefix) {
                return payload
            }
            i += 2 + length
        }
        return nil
    }
}
