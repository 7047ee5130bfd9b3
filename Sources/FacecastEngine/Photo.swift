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

extension Engine {
    /// The error for a photo without a face when its EXIF orientation is what hides it: a JPEG whose tag turns the
    /// picture (phone photos re-saved by tools that turn the pixels but keep the tag) and whose pixels as stored
    /// do show a face. nil otherwise (then the face is really missing). Costs a second detection, on failure only.
    public func misorientedPhotoError(photoPath: String, displayName: String,
                                      pixelLimit: Int = PhotoDecoder.defaultPixelLimit) -> FacecastError? {
        guard let data = FileManager.default.contents(atPath: photoPath) else { return nil }
        let bytes = [UInt8](data)
        let orientation = ImageOrientation.fromJPEG(bytes)
        guard orientation != .up,
              let stored = try? PhotoDecoder.decode(bytes, name: displayName, pixelLimit: pixelLimit, applyingOrientation: false),
              let faces = try? faceAnalyzer().detectFaces(in: stored), !faces.isEmpty
        else { return nil }
        return FacecastError(.noFace,
            "No face found in \(displayName) as its EXIF orientation tag shows it (\(orientation.turn)), but the picture "
            + "as stored has \(faces.count == 1 ? "a face" : "\(faces.count) faces"): the tag is probably wrong. "
            + "Turn the photo upright in an image editor, save it, and try again.")
    }
}
