import FacecastCore
import Foundation

/// The JSON a client sees for a video job (GET /v1/videos/{id}, the job list, webhooks).
struct VideoView: Codable, Sendable {
    var id: String
    var status: JobStatus
    var progress: Double
    var error: String?
    var attempts: Int
    var createdAt: String
    var finishedAt: String?
    var avatarId: String?
    var script: Script
    var options: Options
    var result: JobResult?
    var links: Links?
    var webhook: Webhook?

    struct Script: Codable, Sendable {
        var text: String
        var voice: String
    }
    struct Options: Codable, Sendable {
        var size: Int
        var framing: String
        var fps: Int
        var seed: UInt64
        var captions: Bool
        var label: Bool
    }
    struct Links: Codable, Sendable {
        var video: String
        var poster: String
        var captions: String?
    }
    struct Webhook: Codable, Sendable {
        var url: String
        var delivered: Bool
        var attempts: [WebhookDelivery]
    }

    init(_ job: JobRecord, deliveries: [WebhookDelivery] = []) {
        id = job.id
        status = job.lifecycle.status
        progress = (job.lifecycle.progress * 1000).rounded() / 1000
        error = job.lifecycle.error
        attempts = job.lifecycle.attempts
        createdAt = Self.iso(job.lifecycle.createdAt)
        finishedAt = job.lifecycle.finishedAt.map(Self.iso)
        avatarId = job.avatarID
        script = Script(text: job.spec.text, voice: job.spec.voice)
        options = Options(size: job.spec.size, framing: job.spec.framing, fps: job.spec.fps, seed: job.spec.seed,
                          captions: job.spec.captions, label: job.spec.label)
        result = job.result
        if job.lifecycle.status == .done {
            let base = "/v1/videos/\(job.id)"
            links = Links(video: base + "/video.mp4", poster: base + "/poster.jpg",
                          captions: job.result?.captions == true ? base + "/captions.vtt" : nil)
        }
        if let url = job.webhookURL {
            webhook = Webhook(url: url, delivered: deliveries.contains { $0.delivered }, attempts: deliveries)
        }
    }

    static func iso(_ t: Double) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: Date(timeIntervalSince1970: t))
    }
}
