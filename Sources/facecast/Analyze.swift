import ArgumentParser
import FacecastEngine
import Foundation

struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the faces in a photo and print them as JSON.",
        discussion: """
            Prints every face (largest first): its box, detector score, inter-ocular distance, rough yaw/pitch/roll \
            in degrees and the 68 landmarks (dlib's iBUG scheme). With --annotate, also draws them on a PNG.
              facecast analyze portrait.jpg
              facecast analyze group.jpg --annotate faces.png
            Exits with 3 when there is no face.
            """
    )

    @Argument(help: "The photo to analyse.")
    var photo: String

    @Option(name: .long, help: "Write a copy of the photo with the faces and landmarks drawn on it (PNG).")
    var annotate: String?

    func run() async throws {
        do {
            let engine = Engine()
            let analysis = try engine.analyze(photoPath: photo)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(analysis), as: UTF8.self))
            if let annotate {
                try engine.writeAnnotated(photoPath: photo, analysis: analysis, to: annotate)
            }
            if analysis.faces.isEmpty {
                throw engine.misorientedPhotoError(photoPath: photo, displayName: photo)
                    ?? FacecastError(.noFace, "No face found in \(photo). Use a photo where one face is clearly visible, at least 120 px wide.")
            }
        } catch {
            throw fail(error)
        }
    }
}
