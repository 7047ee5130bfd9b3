import FaceAnalysisDlib
import FacecastCore
import Foundation

/// A photo made ready to animate: the framed picture, the chosen face's rig and its renderer. Computed once per
/// (photo file, face, framing) and reused by later renders in the same process (several languages of one
/// avatar, or a server rendering the same avatar again).
struct Avatar: Sendable {
    var canvas: RGBImage
    var rig: Rig
    var renderer: FaceRenderer
    var placement: Placement

    struct Key: Hashable, Sendable {
        var path: String
        var size: Int
        var modified: Double
        var faceIndex: Int?
        var framing: RenderRequest.Framing

        init(_ request: RenderRequest) {
            path = URL(fileURLWithPath: request.photoPath).standardizedFileURL.path
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
            modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            faceIndex = request.faceIndex
            framing = request.framing
        }
    }
}

extension RenderRequest.Framing: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .photo(let long, let short): hasher.combine(0); hasher.combine(long); hasher.combine(short)
        case .crop(let size): hasher.combine(1); hasher.combine(size)
        }
    }
}

extension Engine {
    /// The avatar for a render's photo, face and framing, from the cache when the same file was used last.
    func avatar(for request: RenderRequest) throws -> Avatar {
        let key = Avatar.Key(request)
        if let hit = avatarCache.withLock({ $0?.key == key ? $0?.avatar : nil }) { return hit }
        let photo = try Photo.load(path: request.photoPath)
        let faces: [DetectedFace]
        do { faces = try faceAnalyzer().detectFaces(in: photo) } catch { throw FacecastError.wrap(error) }
        let photoName = (request.photoPath as NSString).lastPathComponent
        if faces.isEmpty, let error = misorientedPhotoError(photoPath: request.photoPath, displayName: photoName) { throw error }
        let face = try FaceSelection.choose(faces, index: request.faceIndex, photoName: photoName)
        let (canvas, fitted, placement) = Framing.canvas(photo: photo, face: face.landmarks, framing: request.framing)
        let landmarks = InnerLipRefinement.refined(fitted, in: canvas)
        let rig = Rig(canvasWidth: canvas.width, canvasHeight: canvas.height, landmarks: landmarks)
        let avatar = Avatar(canvas: canvas, rig: rig, renderer: FaceRenderer(rig: rig, base: canvas), placement: placement)
        avatarCache.withLock { $0 = (key, avatar) }
        return avatar
    }
}
