import FacecastCore
import FacecastEngine
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension APIRoutes {
    /// POST /v1/videos → 202 {id, status}.
    @Sendable func createVideo(_ request: Request, context: FacecastContext) async throws -> Response {
        let tenant = try Self.tenant(context)
        let body = try await Uploads.body(request, limit: config.limits.maxUploadBytes)
        var upload: (bytes: [UInt8], ext: String)?
        let create: VideoCreateRequest
        if let form = try Uploads.form(request, body: body) {
            guard let json = form.part("request") else {
                throw APIError(.badRequest, "missing_request",
                               "The form needs a `request` field with the JSON description (script, options) beside `photo`.")
            }
            create = try JSONResponse.decode(VideoCreateRequest.self, from: json.body)
            if form.part("audio") != nil { throw Self.audioUnsupported }
            if let photo = form.part("photo") { upload = try Uploads.photo(photo.body) }
        } else if Uploads.isJSON(request) {
            create = try JSONResponse.decode(VideoCreateRequest.self, from: body)
        } else {
            throw APIError(.unsupportedMediaType, "wrong_content_type",
                           "Send application/json ({\"avatar_id\": …, \"script\": {\"text\": …}}) or multipart/form-data with `photo` and `request` fields.")
        }
        let spec = try validate(create)
        if create.avatarId != nil && upload != nil {
            throw APIError(.badRequest, "photo_and_avatar", "Give either avatar_id or a photo, not both.")
        }
        let webhook = try create.webhookUrl.map(Self.validWebhook)
        guard try await store.inFlightCount(tenant: tenant) < config.limits.maxJobsInFlight else {
            throw APIError(.tooManyRequests, "too_many_jobs",
                           "This API key already has \(config.limits.maxJobsInFlight) videos queued or rendering. Wait for one to finish.")
        }

        let id = Secrets.id("vid")
        let dir = data.job(id)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        do {
            if let avatarID = create.avatarId {
                guard let avatar = try await store.avatar(id: avatarID, tenant: tenant) else { throw APIError.notFound("avatar", avatarID) }
                let source = data.avatar(avatarID).appendingPathComponent(avatar.photoFile)
                let target = dir.appendingPathComponent(avatar.photoFile)
                do { try FileManager.default.linkItem(at: source, to: target) } catch {
                    try FileManager.default.copyItem(at: source, to: target)
                }
            } else if let upload {
                let target = dir.appendingPathComponent("photo.\(upload.ext)")
                try Uploads.write(upload.bytes, to: target, temporary: data.temporary)
                _ = try await checkFace(target.path)
            } else {
                throw APIError(.badRequest, "missing_photo", "Give avatar_id (from POST /v1/avatars) or upload a `photo` in a multipart form.")
            }
        } catch {
            try? FileManager.default.removeItem(at: dir)
            throw error
        }
        let job = JobRecord(id: id, tenant: tenant, avatarID: create.avatarId, spec: spec, webhookURL: webhook,
                            lifecycle: JobLifecycle(createdAt: clock.now()), result: nil)
        try await store.insertJob(job)
        context.logger.info("video queued", metadata: ["video": .string(id)])
        struct Accepted: Encodable { var id: String; var status: JobStatus; var url: String }
        return try JSONResponse.make(Accepted(id: id, status: .queued, url: "/v1/videos/\(id)"), status: .accepted,
                                     headers: [.location: "/v1/videos/\(id)"])
    }

    static let audioUnsupported = APIError(.unprocessableContent, "audio_not_supported",
        "Scripts from recorded audio are not supported by this server yet. Send the words as script.text.")

    func validate(_ r: VideoCreateRequest) throws -> JobSpec {
        if r.script.audioUrl != nil { throw Self.audioUnsupported }
        let text = (r.script.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw APIError(.unprocessableContent, "empty_script", "script.text is empty. Give the words to speak.") }
        guard text.count <= config.limits.maxScriptCharacters else {
            throw APIError(.unprocessableContent, "script_too_long",
                           "script.text has \(text.count) characters; the limit is \(config.limits.maxScriptCharacters). Split it into several videos.")
        }
        let voice = r.script.voice ?? r.script.language ?? "en"
        try checkVoice(voice)
        let o = r.options
        var spec = JobSpec(text: text, voice: voice)
        spec.size = o?.size ?? 1280
        spec.framing = o?.framing ?? "photo"
        spec.fps = o?.fps ?? 25
        spec.seed = o?.seed ?? 1
        spec.captions = o?.captions ?? true
        spec.label = o?.label ?? true
        guard (config.limits.minSize...config.limits.maxSize).contains(spec.size) else {
            throw APIError(.unprocessableContent, "bad_size", "options.size must be between \(config.limits.minSize) and \(config.limits.maxSize) pixels.")
        }
        guard ["photo", "crop"].contains(spec.framing) else {
            throw APIError(.unprocessableContent, "bad_framing", "options.framing must be \"photo\" (the whole photo) or \"crop\" (a square head crop).")
        }
        guard (10...60).contains(spec.fps) else {
            throw APIError(.unprocessableContent, "bad_fps", "options.fps must be between 10 and 60.")
        }
        return spec
    }

    /// A voice id from /v1/voices ("neural:joe", "espeak:de") or a language ("en", "de"), resolved as a render will.
    func checkVoice(_ voice: String) throws {
        let (id, language) = JobSpec.voiceSelection(voice)
        do { _ = try engine.selectVoice(voice: id, language: language) } catch {
            throw APIError(.unprocessableContent, "unknown_voice",
                           "Unknown voice or language \"\(voice)\". GET /v1/voices lists them (ids like neural:joe or espeak:de, or a language such as en, de, fr).")
        }
    }

    static func validWebhook(_ url: String) throws -> String {
        guard let u = URL(string: url), let scheme = u.scheme?.lowercased(), ["http", "https"].contains(scheme), u.host != nil else {
            throw APIError(.unprocessableContent, "bad_webhook_url", "webhook_url must be an absolute http:// or https:// URL.")
        }
        return url
    }

    @Sendable func getVideo(_ request: Request, context: FacecastContext) async throws -> Response {
        let id = try Self.id(context)
        guard let job = try await store.job(id: id, tenant: try Self.tenant(context)) else { throw APIError.notFound("video", id) }
        return try JSONResponse.make(VideoView(job, deliveries: try await store.deliveries(jobID: id)))
    }

    @Sendable func listVideos(_ request: Request, context: FacecastContext) async throws -> Response {
        let jobs = try await store.jobs(tenant: try Self.tenant(context), limit: 50)
        struct List: Encodable { var videos: [VideoView] }
        return try JSONResponse.make(List(videos: jobs.map { VideoView($0) }))
    }

    /// GET /v1/videos/{id}/events: Server-Sent Events. `progress` while queued/rendering (on every change),
    /// then one `done` or `failed` event, then the stream ends. Each event's data is the video JSON.
    @Sendable func videoEvents(_ request: Request, context: FacecastContext) async throws -> Response {
        let id = try Self.id(context)
        let tenant = try Self.tenant(context)
        guard try await store.job(id: id, tenant: tenant) != nil else { throw APIError.notFound("video", id) }
        let store = self.store
        let body = ResponseBody { writer in
            var last: (JobStatus, Double, Int)? = nil
            var sequence = 0
            var quiet = 0
            while true {
                guard let job = try await store.job(id: id, tenant: tenant) else { break }
                let state = (job.lifecycle.status, job.lifecycle.progress, job.lifecycle.attempts)
                if last == nil || last! != state {
                    last = state
                    sequence += 1
                    let name = job.lifecycle.status.isFinal ? job.lifecycle.status.rawValue : "progress"
                    let event = ServerSentEvent(event: name, data: try JSONCoding.string(VideoView(job)), id: "\(sequence)")
                    try await writer.write(ByteBuffer(string: event.encoded))
                    quiet = 0
                    if job.lifecycle.status.isFinal { break }
                } else {
                    quiet += 1
                    if quiet % 60 == 0 { try await writer.write(ByteBuffer(string: ": keep-alive\n\n")) }
                }
                try await Task.sleep(for: .milliseconds(250))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }
}
