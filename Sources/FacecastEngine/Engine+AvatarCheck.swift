import FaceAnalysisDlib
import FacecastCore
import Foundation
import ImageCodecs

/// The face check a server runs on an uploaded photo: which face will be animated and a preview of what was found.
public struct AvatarCheck: Sendable, Codable {
    public var width: Int
    public var height: Int
    public var faceCount: Int
    /// The face that will be animated (the largest usable one).
    public var face: FaceReport
    /// PNG: the photo with the chosen face's box and 68 landmarks (contours joined) drawn on it.
    public var previewPNG: [UInt8]
}

extension Engine {
    /// Decodes the photo (content-sniffed, at most `pixelLimit` pixels), finds faces, applies the same
    /// usability rules as a render (size, turn), and draws the landmarks preview.
    /// Throws `FacecastError` `.input` (not a photo, too many pixels) or `.noFace` with a message for the user.
    public func checkAvatar(photoPath: String, displayName: String, pixelLimit: Int = PhotoDecoder.defaultPixelLimit) throws -> AvatarCheck {
        guard let data = FileManager.default.contents(atPath: photoPath) else {
            throw FacecastError(.input, "\(displayName) cannot be read.")
        }
        var image: RGBImage
        do { image = try PhotoDecoder.decode([UInt8](data), name: displayName, pixelLimit: pixelLimit) } catch {
            throw FacecastError.wrap(error)
        }
        let faces: [DetectedFace]
        do { faces = try faceAnalyzer().detectFaces(in: image) } catch { throw FacecastError.wrap(error) }
        if faces.isEmpty, let error = misorientedPhotoError(photoPath: photoPath, displayName: displayName, pixelLimit: pixelLimit) {
            throw error
        }
        let chosen = try FaceSelection.choose(faces, index: nil, photoName: displayName)
        let report = FaceReport(chosen)
        let r = max(1, Int(report.interocularDistance / 45))
        image.strokeRect(report.box, colour: (0, 255, 80), thickness: r)
        let groups = [FaceLandmarks.jaw, FaceLandmarks.rightBrow, FaceLandmarks.leftBrow, FaceLandmarks.noseBridge,
                      FaceLandmarks.nostrils, FaceLandmarks.rightEye, FaceLandmarks.leftEye, FaceLandmarks.outerLips,
                      FaceLandmarks.innerLips]
        let closed: Set<Int> = [5, 6, 7, 8]
        for (g, range) in groups.enumerated() {
            let pts = range.map { report.landmarks[$0] }
            let pairs = closed.contains(g) ? Array(zip(pts, pts.dropFirst() + [pts[0]])) : Array(zip(pts, pts.dropFirst()))
            for (a, b) in pairs { image.drawSegment(from: a, to: b, radius: max(0, r - 1), colour: (255, 220, 0)) }
        }
        for p in report.landmarks { image.fillDisc(center: p, radius: r, colour: (255, 40, 40)) }
        let png: [UInt8]
        do { png = try PNGEncoder.encode(image) } catch { throw FacecastError.wrap(error) }
        return AvatarCheck(width: image.width, height: image.height, faceCount: faces.count, face: report, previewPNG: png)
    }
}

extension RGBImage {
    /// A straight line of discs (preview drawing only).
    fileprivate mutating func drawSegment(from a: Point, to b: Point, radius: Int, colour: (UInt8, UInt8, UInt8)) {
        let steps = max(1, Int(a.distance(to: b).rounded(.up)))
        let dx: Double = b.x - a.x
        let dy: Double = b.y - a.y
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            let x: Double = a.x + dx * t
            let y: Double = a.y + dy * t
            fillDisc(center: Point(x, y), radius: radius, colour: colour)
        }
    }
}
