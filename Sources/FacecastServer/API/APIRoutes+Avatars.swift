import FacecastEngine
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An avatar as the API shows it.
struct AvatarView: Codable, Sendable {
    var id: String
    var createdAt: String
    var width: Int
    var height: Int
    var facesFound: Int
    var face: FaceReport
    var previewUrl: String
}

extension APIRoutes {
    /// POST /v1/avatars: a photo (multipart field `photo`, or a raw image body) → face check → avatar.
    @Sendable func createAvatar(_ request: Request, context: FacecastContext) async throws -> Response {
        let tenant = try Self.tenant(context)
        let body = try await Uploads.body(request, limit: config.limits.maxUploadBytes)
        let photoBytes: [UInt8]
        if let form = try Uploads.form(request, body: body) {
            guard let part = form.part("photo") else {
                throw APIError(.badRequest, "missing_photo", "The form has no `photo` field. Send the image as -F photo=@face.jpg.")
            }
            photoBytes = part.body
        } else if Uploads.isJSON(request) {
            throw APIError(.unsupportedMediaType, "wrong_content_type",
                           "Send the photo as multipart/form-data (field `photo`) or as the raw image body (Content-Type image/jpeg, image/png or image/webp), not JSON.")
        } else {
            photoBytes = body
        }
        let photo = try Uploads.photo(photoBytes)
        let id = Secrets.id("av")
        let dir = data.avatar(id)
        let photoURL = dir.appendingPathComponent("photo.\(photo.ext)")
        try Uploads.write(photo.bytes, to: photoURL, temporary: data.temporary)
        let check: AvatarCheck
        do {
            check = try await checkFace(photoURL.path)
        } catch {
            try? FileManager.default.removeItem(at: dir)
            throw error
        }
        try Uploads.write(check.previewPNG, to: dir.appendingPathComponent("preview.png"), temporary: data.temporary)
        let now = clock.now()
        let view = AvatarView(id: id, createdAt: VideoView.iso(now), width: check.width, height: check.height,
                              facesFound: check.faceCount, face: check.face, previewUrl: "/v1/avatars/\(id)/preview.png")
        try await store.insertAvatar(AvatarRecord(id: id, tenant: tenant, createdAt: now, photoFile: photoURL.lastPathComponent,
                                                  summaryJSON: try JSONCoding.string(view)))
        context.logger.info("avatar created", metadata: ["avatar": .string(id), "faces": .stringConvertible(check.faceCount)])
        return try JSONResponse.make(view, status: .created, headers: [.location: "/v1/avatars/\(id)"])
    }

    /// The engine's face check, with its errors turned into API errors (422 for no usable face).
    func checkFace(_ path: String) async throws -> AvatarCheck {
        let engine = self.engine
        let pixels = config.limits.maxPixels
        do {
            return try await Task.detached { try engine.checkAvatar(photoPath: path, displayName: "The photo", pixelLimit: pixels) }.value
        } catch let error as FacecastError {
            switch error.kind {
            case .noFace: throw APIError(.unprocessableContent, "no_face", error.message)
            case .input: throw APIError(.unprocessableContent, "invalid_photo", error.message)
            default: throw APIError(.internalServerError, "engine", error.message)
            }
        }
    }

    @Sendable func getAvatar(_ request: Request, context: FacecastContext) async throws -> Response {
        let id = try Self.id(context)
        guard let avatar = try await store.avatar(id: id, tenant: try Self.tenant(context)) else { throw APIError.notFound("avatar", id) }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: avatar.summaryJSON)))
    }

    @Sendable func avatarPreview(_ request: Request, context: FacecastContext) async throws -> Response {
        let id = try Self.id(context)
        guard try await store.avatar(id: id, tenant: try Self.tenant(context)) != nil else { throw APIError.notFound("avatar", id) }
        return try await Downloads.file(data.avatar(id).appendingPathComponent("preview.png").path, type: "image/png",
                                        request: request, context: context, missing: "The preview of avatar \(id) is missing.")
    }

    @Sendable func deleteAvatar(_ request: Request, context: FacecastContext) async throws -> Response {
        let id = try Self.id(context)
        guard try await store.deleteAvatar(id: id, tenant: try Self.tenant(context)) else { throw APIError.notFound("avatar", id) }
        // Jobs keep their own hard-linked copy of the photo, so deleting the avatar never breaks a queued job.
        try? FileManager.default.removeItem(at: data.avatar(id))
        return Response(status: .noContent)
    }
}
