import FacecastCore
import Foundation
import ImageCodecs

extension Engine {
    /// Draws each face's box and landmarks onto the photo and writes a PNG.
    public func writeAnnotated(photoPath: String, analysis: PhotoAnalysis, to path: String) throws {
        var image = try Photo.load(path: photoPath)
        for (k, face) in analysis.faces.enumerated() {
            let colour: (UInt8, UInt8, UInt8) = k == 0 ? (0, 255, 80) : (255, 200, 0)
            let r = max(1, Int(face.interocularDistance / 40))
            image.strokeRect(face.box, colour: colour, thickness: r)
            for p in face.landmarks { image.fillDisc(center: p, radius: r + 1, colour: (255, 40, 40)) }
        }
        let png = try PNGEncoder.encode(image)
        do {
            try Data(png).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FacecastError(.output, "Cannot write \(path): \(error.localizedDescription)")
        }
    }
}
