import FaceAnalysisDlib
import FacecastCore
import Foundation
import Synchronization

/// The product's entry point for every surface (CLI now, server later). Holds the loaded models.
public final class Engine: Sendable {
    private let analyzerCache = Mutex<FaceAnalyzer?>(nil)
    /// The last avatar prepared (see Engine+Avatar).
    let avatarCache = Mutex<(key: Avatar.Key, avatar: Avatar)?>(nil)

    public init() {}

    /// dlib's detector + shape predictor, loaded on first use (about 1.3 s) and kept.
    public func faceAnalyzer() throws -> FaceAnalyzer {
        try analyzerCache.withLock { cached in
            if let cached { return cached }
            let path = FaceAnalyzer.defaultShapeModelPath
            guard FileManager.default.fileExists(atPath: path) else {
                throw FacecastError(.engine, "dlib's landmark model is missing at \(path). Run `make bootstrap` (Debian package libdlib-data).")
            }
            do {
                let analyzer = try FaceAnalyzer(shapeModelPath: path)
                cached = analyzer
                return analyzer
            } catch {
                throw FacecastError.wrap(error)
            }
        }
    }

    /// Faces in a photo, largest first.
    public func analyze(photoPath: String) throws -> PhotoAnalysis {
        let image = try Photo.load(path: photoPath)
        let faces: [DetectedFace]
        do { faces = try faceAnalyzer().detectFaces(in: image) } catch { throw FacecastError.wrap(error) }
        return PhotoAnalysis(width: image.width, height: image.height, faces: faces.map(FaceReport.init))
    }
}

/// The JSON `facecast analyze` prints.
public struct PhotoAnalysis: Sendable, Codable {
    public var width: Int
    public var height: Int
    public var faces: [FaceReport]
}

public struct FaceReport: Sendable, Codable {
    public var box: Rect
    public var score: Double
    public var interocularDistance: Double
    public var yaw: Double
    public var pitch: Double
    public var roll: Double
    public var landmarks: [Point]

    init(_ face: DetectedFace) {
        box = face.box
        score = face.score
        interocularDistance = face.landmarks.interocularDistance
        let pose = face.landmarks.roughPose
        yaw = pose.yaw
        pitch = pose.pitch
        roll = pose.roll
        landmarks = face.landmarks.points
    }
}
