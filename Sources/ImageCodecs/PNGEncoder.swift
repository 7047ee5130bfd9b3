import CPNG
import FacecastCore

public enum PNGEncoder {
    /// Encodes an RGB image as PNG bytes.
    public static func encode(_ image: RGBImage) throws -> [UInt8] {
        var png = png_image()
        png.version = UInt32(PNG_IMAGE_VERSION)
        png.width = UInt32(image.width)
        png.height = UInt32(image.height)
        png.format = UInt32(PNG_FORMAT_RGB)
        defer { png_image_free(&png) }
        var size: Int = 0
        // First call measures, second writes.
        let measured = image.pixels.withUnsafeBytes {
            png_image_write_to_memory(&png, nil, &size, 0, $0.baseAddress, 0, nil)
        }
        guard measured != 0, size > 0 else { throw PhotoError.corrupt(name: "png", format: "PNG", detail: "encode failed") }
        var out = [UInt8](repeating: 0, count: size)
        let written = image.pixels.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { png_image_write_to_memory(&png, $0.baseAddress, &size, 0, src.baseAddress, 0, nil) }
        }
        guard written != 0 else { throw PhotoError.corrupt(name: "png", format: "PNG", detail: "encode failed") }
        return Array(out.prefix(size))
    }
}
