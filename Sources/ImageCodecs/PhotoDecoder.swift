import CPNG
import CTurboJPEG
import CWebP
import FacecastCore

/// Why a photo could not be read. Messages say what was wrong and what to do.
public enum PhotoError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAnImage(name: String)
    case unsupportedFormat(name: String, format: String)
    case corrupt(name: String, format: String, detail: String)
    case tooManyPixels(name: String, width: Int, height: Int, limit: Int)

    public var description: String {
        switch self {
        case .notAnImage(let name):
            return "\(name) is not an image (no JPEG, PNG or WebP signature). Give a photo file in one of those formats."
        case .unsupportedFormat(let name, let format):
            return "\(name) is a \(format) file, which this build cannot decode. Convert it to JPEG or PNG first (e.g. `ffmpeg -i \(name) photo.png`)."
        case .corrupt(let name, let format, let detail):
            return "\(name) looks like a \(format) but could not be decoded (\(detail)); the file may be truncated or damaged. Export or download it again."
        case .tooManyPixels(let name, let width, let height, let limit):
            return "\(name) is \(width)×\(height) pixels, more than the limit of \(limit / 1_000_000) megapixels. Scale it down first."
        }
    }
}

/// Decodes JPEG, PNG and WebP photos to upright 8-bit RGB (EXIF orientation applied).
public enum PhotoDecoder {
    /// Pictures larger than this are refused before any pixel memory is allocated (decompression bombs).
    public static let defaultPixelLimit = 50_000_000

    /// applyingOrientation: false returns a JPEG's pixels as stored, whatever its EXIF orientation says.
    public static func decode(_ bytes: [UInt8], name: String, pixelLimit: Int = defaultPixelLimit,
                              applyingOrientation: Bool = true) throws -> RGBImage {
        switch sniff(bytes) {
        case .jpeg:
            let image = try decodeJPEG(bytes, name: name, pixelLimit: pixelLimit)
            return applyingOrientation ? image.applying(ImageOrientation.fromJPEG(bytes)) : image
        case .png: return try decodePNG(bytes, name: name, pixelLimit: pixelLimit)
        case .webp: return try decodeWebP(bytes, name: name, pixelLimit: pixelLimit)
        case .other(let format): throw PhotoError.unsupportedFormat(name: name, format: format)
        case .none: throw PhotoError.notAnImage(name: name)
        }
    }

    enum Kind: Equatable { case jpeg, png, webp, other(String), none }

    /// Content sniffing by signature; the file name is never trusted.
    static func sniff(_ b: [UInt8]) -> Kind {
        func has(_ sig: [UInt8], at o: Int = 0) -> Bool { b.count >= o + sig.count && b[o..<o + sig.count].elementsEqual(sig) }
        if has([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if has([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if has(Array("RIFF".utf8)) && has(Array("WEBP".utf8), at: 8) { return .webp }
        if has(Array("ftyp".utf8), at: 4), b.count >= 12 {
            let brand = String(decoding: b[8..<12], as: UTF8.self)
            if ["heic", "heix", "mif1", "msf1", "hevc", "heim", "heis"].contains(brand) { return .other("HEIC/HEIF") }
            if brand == "avif" { return .other("AVIF") }
        }
        if has(Array("GIF8".utf8)) { return .other("GIF") }
        if has([0x42, 0x4D]) && b.count > 26 { return .other("BMP") }
        if has([0x49, 0x49, 0x2A, 0x00]) || has([0x4D, 0x4D, 0x00, 0x2A]) { return .other("TIFF") }
        return .none
    }

    static func decodeJPEG(_ bytes: [UInt8], name: String, pixelLimit: Int) throws -> RGBImage {
        guard let tj = tjInitDecompress() else { throw PhotoError.corrupt(name: name, format: "JPEG", detail: "TurboJPEG unavailable") }
        defer { tjDestroy(tj) }
        func failure() -> PhotoError {
            PhotoError.corrupt(name: name, format: "JPEG", detail: String(cString: tjGetErrorStr2(tj)))
        }
        var w: Int32 = 0, h: Int32 = 0, subsamp: Int32 = 0, colorspace: Int32 = 0
        let header = bytes.withUnsafeBufferPointer {
            tjDecompressHeader3(tj, $0.baseAddress, UInt(bytes.count), &w, &h, &subsamp, &colorspace)
        }
        guard header == 0 else { throw failure() }
        guard Int(w) * Int(h) <= pixelLimit else {
            throw PhotoError.tooManyPixels(name: name, width: Int(w), height: Int(h), limit: pixelLimit)
        }
        // A print-workflow JPEG holds CMYK (or YCCK) ink values, which TurboJPEG only decodes to CMYK pixels.
        let cmyk = colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue)
        var out = [UInt8](repeating: 0, count: Int(w) * Int(h) * (cmyk ? 4 : 3))
        // Stop on warnings too: libjpeg treats a truncated file as a warning and would return grey rows.
        let flags = Int32(TJFLAG_STOPONWARNING) | Int32(TJFLAG_ACCURATEDCT)
        let format = cmyk ? TJPF_CMYK : TJPF_RGB
        let rc = bytes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                tjDecompress2(tj, src.baseAddress, UInt(bytes.count), dst.baseAddress, w, 0, h, Int32(format.rawValue), flags)
            }
        }
        guard rc == 0 else { throw failure() }
        if cmyk { out = rgb(fromCMYK: out, inverted: JPEGHeader.segment(0xEE, startingWith: Array("Adobe".utf8), in: bytes) != nil) }
        return RGBImage(width: Int(w), height: Int(h), pixels: out)
    }

    /// RGB from CMYK ink values by the plain formula (no colour management: the file's ICC profile, if any, is not
    /// applied, so colours are close to, not exactly, what a print-accurate conversion gives). Adobe's applications,
    /// which write nearly all CMYK JPEGs and mark them with an APP14 "Adobe" segment, store the values inverted
    /// (255 = no ink); others store ink amounts.
    static func rgb(fromCMYK cmyk: [UInt8], inverted: Bool) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: cmyk.count / 4 * 3)
        for k in 0..<cmyk.count / 4 {
            var (c, m, y, key) = (Int(cmyk[4 * k]), Int(cmyk[4 * k + 1]), Int(cmyk[4 * k + 2]), Int(cmyk[4 * k + 3]))
            if !inverted { (c, m, y, key) = (255 - c, 255 - m, 255 - y, 255 - key) }
            // Now 255 = no ink: each channel is the paper's white times what the colour and black inks let through.
            rgb[3 * k] = UInt8((c * key + 127) / 255)
            rgb[3 * k + 1] = UInt8((m * key + 127) / 255)
            rgb[3 * k + 2] = UInt8((y * key + 127) / 255)
        }
        return rgb
    }

    static func decodePNG(_ bytes: [UInt8], name: String, pixelLimit: Int) throws -> RGBImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        func failure() -> PhotoError {
            let message = withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            return PhotoError.corrupt(name: name, format: "PNG", detail: message.isEmpty ? "libpng error" : message)
        }
        let begun = bytes.withUnsafeBufferPointer { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw failure() }
        let w = Int(image.width), h = Int(image.height)
        guard w * h <= pixelLimit else {
            throw PhotoError.tooManyPixels(name: name, width: w, height: h, limit: pixelLimit)
        }
        // libpng's simplified API treats 16-bit samples as linear light and would gamma-encode them on the
        // way to 8 bits; PNG files store them gamma-encoded like 8-bit ones, so read 16-bit and narrow here.
        // Measured against ffmpeg's decode: 16-bit grey always needs this; 16-bit colour only when the file
        // declares no colour space (with gAMA/sRGB/iCCP/cHRM, libpng's own 8-bit conversion is right).
        let grey = image.format & UInt32(PNG_FORMAT_FLAG_COLOR) == 0
        let sixteen = image.format & UInt32(PNG_FORMAT_FLAG_LINEAR) != 0 && (grey || !declaresColourSpace(bytes))
        var white = png_color(red: 255, green: 255, blue: 255)
        if sixteen {
            image.format = UInt32(PNG_FORMAT_LINEAR_RGB)
            var wide = [UInt16](repeating: 0, count: w * h * 3)
            let finished = wide.withUnsafeMutableBytes { png_image_finish_read(&image, &white, $0.baseAddress, 0, nil) }
            guard finished != 0 else { throw failure() }
            return RGBImage(width: w, height: h, pixels: wide.map { UInt8((UInt32($0) * 255 + 32767) / 65535) })
        }
        // Grey, palette and alpha all convert to 8-bit RGB; transparency is composited onto white.
        image.format = UInt32(PNG_FORMAT_RGB)
        var out = [UInt8](repeating: 0, count: w * h * 3)
        let finished = out.withUnsafeMutableBytes { png_image_finish_read(&image, &white, $0.baseAddress, 0, nil) }
        guard finished != 0 else { throw failure() }
        return RGBImage(width: w, height: h, pixels: out)
    }

    /// True when a PNG has a gAMA, sRGB, iCCP or cHRM chunk before its image data.
    static func declaresColourSpace(_ b: [UInt8]) -> Bool {
        var i = 8
        while i + 8 <= b.count {
            let length = Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
            let type = String(decoding: b[i + 4..<i + 8], as: UTF8.self)
            if ["gAMA", "sRGB", "iCCP", "cHRM"].contains(type) { return true }
            if type == "IDAT" || length < 0 { return false }
            i += 12 + length
        }
        return false
    }

    static func decodeWebP(_ bytes: [UInt8], name: String, pixelLimit: Int) throws -> RGBImage {
        var w: Int32 = 0, h: Int32 = 0
        let ok = bytes.withUnsafeBufferPointer { WebPGetInfo($0.baseAddress, $0.count, &w, &h) }
        guard ok != 0 else { throw PhotoError.corrupt(name: name, format: "WebP", detail: "bad header") }
        guard Int(w) * Int(h) <= pixelLimit else {
            throw PhotoError.tooManyPixels(name: name, width: Int(w), height: Int(h), limit: pixelLimit)
        }
        var out = [UInt8](repeating: 0, count: Int(w) * Int(h) * 3)
        let decoded = bytes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                WebPDecodeRGBInto(src.baseAddress, src.count, dst.baseAddress, dst.count, w * 3)
            }
        }
        guard decoded != nil else { throw PhotoError.corrupt(name: name, format: "WebP", detail: "decode failed") }
        return RGBImage(width: Int(w), height: Int(h), pixels: out)
    }
}
