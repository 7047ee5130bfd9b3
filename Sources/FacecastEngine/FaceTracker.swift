import FaceAnalysisDlib
import FacecastCore

/// Follows one face through the frames of a video.
///
/// The detector searches a window around the face that stays put until the face leaves its central part or changes
/// size: a window that followed every detection would feed the detector's pixel-grid quirks back into the next frame
/// and make the boxes cycle even on a still video.
struct FaceTracker {
    private var window: Rect?
    private var faceWidth = 0.0

    /// The face in this frame: searched in the window first, in the whole frame if it is not there (then the one
    /// closest to where it was, or to `anchor`, if within a face width of it; the largest the first time without
    /// an anchor). nil when it is not found.
    mutating func track(_ frame: RGBImage, analyzer: FaceAnalyzer, anchor: Point?) throws -> DetectedFace? {
        if let window, let face = try analyzer.detectFace(in: frame, window: window) {
            update(with: face.box)
            return face
        }
        let all = try analyzer.detectFaces(in: frame)
        let target = window?.center ?? anchor
        guard let face = target.map({ a in all.min { $0.box.center.distance(to: a) < $1.box.center.distance(to: a) } }) ?? all.first
        else { return nil }
        // Never jump to somebody else: when the followed face is missed (a small face, mid-turn), another person
        // elsewhere in the picture is not it. Within a face width of where it was, or not found in this frame.
        if let target, face.box.center.distance(to: target) > max(faceWidth, face.box.width) { return nil }
        window = nil
        update(with: face.box)
        return face
    }

    private mutating func update(with box: Rect) {
        let size = max(box.width, box.height)
        if let w = window, box.center.distance(to: w.center) < 0.15 * size, abs(size - faceWidth) < 0.25 * faceWidth {
            return
        }
        faceWidth = size
        let side = 2.4 * size
        window = Rect(x: box.center.x - side / 2, y: box.center.y - side / 2, width: side, height: side)
    }
}
