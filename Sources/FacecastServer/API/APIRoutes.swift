import FacecastEngine
import Foundation
import Hummingbird
import Logging

/// The REST API's handlers; each file `APIRoutes+X.swift` adds one resource.
struct APIRoutes: Sendable {
    let store: any JobStore
    let engine: Engine
    let data: DataDirectory
    let config: ServerConfiguration
    let clock: ServerClock

    func register(on router: Router<FacecastContext>) {
        let v1 = router.group("v1").add(middleware: AuthMiddleware(store: store, open: config.open))
        v1.post("avatars", use: createAvatar)
        v1.get("avatars/:id", use: getAvatar)
        v1.get("avatars/:id/preview.png", use: avatarPreview)
        v1.delete("avatars/:id", use: deleteAvatar)
        v1.post("videos", use: createVideo)
        v1.get("videos", use: listVideos)
        v1.get("videos/:id", use: getVideo)
        v1.get("videos/:id/events", use: videoEvents)
        v1.get("videos/:id/video.mp4", use: downloadVideo)
        v1.get("videos/:id/poster.jpg", use: downloadPoster)
        v1.get("videos/:id/captions.vtt", use: downloadCaptions)
        v1.get("voices", use: voices)
    }

    static func tenant(_ context: FacecastContext) throws -> String {
        guard let tenant = context.tenant else { throw APIError(.unauthorized, "missing_api_key", "No API key.") }
        return tenant
    }

    static func id(_ context: FacecastContext) throws -> String {
        guard let id = context.parameters.get("id"), id.count <= 64 else {
            throw APIError(.badRequest, "bad_id", "The id in the path is missing or malformed.")
        }
        return id
    }
}
