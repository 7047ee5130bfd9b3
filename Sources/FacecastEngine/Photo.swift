import FacecastCore
import Foundation
import ImageCodecs

/// Reading a photo from disk.
public enum Photo {
    public static func load(path: String, pixelLimit: Int = PhotoDecoder.defaultPixelLimit) throws -> RGBImage {
        let name = (path as NSString).lastPathComponent
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw FacecastError(.input, "Photo \(path) does not exist. Check the path.")
        }
        guard !isDir.boolValue else { throw FacecastError(.input, "\(path) is a folder, not a photo file.") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FacecastError(.input, "Photo \(path) cannot be read (permissions?).")
        }
        guard !data.isEmpty else { throw FacecastError(.input, "Photo \(path) is an empty file.") }
        do {
            return try PhotoDecoder.decode([UInt8](data), name: name, pixelLimit: pixelLimit)
        } catch {
            throw FacecastError.wrap(error)
        }
    }
}
