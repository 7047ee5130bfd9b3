import FaceAnalysisDlib
import FacecastCore

/// Choosing the face to animate, and refusing faces we cannot animate well.
public enum FaceSelection {
    /// Smallest face (box width in photo pixels) we animate.
    public static let minimumFaceWidth = 48.0

    public static func choose(_ faces: [DetectedFace], index: Int?, photoName: String) throws -> DetectedFace {
        guard !faces.isEmpty else {
            throw FacecastError(.noFace,
                "No face found in \(photoName). Use a photo where one face is clearly visible, looking roughly at the camera, at least 120 px wide.")
        }
        let i = index ?? 0
        guard faces.indices.contains(i) else {
            throw FacecastError(.noFace,
                "\(photoName) has \(faces.count) face\(faces.count == 1 ? "" : "s") (numbered 0 to \(faces.count - 1), largest first); --face \(i) does not exist.")
        }
        let face = faces[i]
        guard face.box.width >= minimumFaceWidth else {
            throw FacecastError(.noFace,
                "The face in \(photoName) is only \(Int(face.box.width)) px wide; at least \(Int(minimumFaceWidth)) px are needed. Use a larger or closer photo.")
        }
        let pose = face.landmarks.roughPose
        guard abs(pose.yaw) <= 45 else {
            throw FacecastError(.noFace,
                "The face in \(photoName) is turned too far to the side (about \(Int(pose.yaw.rounded()))°). Use a photo where the person looks roughly at the camera (within 30°).")
        }
        return face
    }
}
