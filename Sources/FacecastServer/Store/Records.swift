import FacecastCore
import Foundation

/// What a client asked a video job to render (stored as JSON with the job).
public struct JobSpec: Sendable, Codable, Equatable {
    public var text: String
    public var voice: String
    public var size: Int
    /// "photo" (the whole photo, longest side `size`) or "crop" (a square head crop of `size`).
    public var framing: String
    public var fps: Int
    public var seed: UInt64
    public var captions: Bool
    public var label: Bool

    public init(text: String, voice: String = "en", size: Int = 1280, framing: String = "photo", fps: Int = 25,
                seed: UInt64 = 1, captions: Bool = true, label: Bool = true) {
        self.text = text
        self.voice = voice
        self.size = size
        self.framing = framing
        self.fps = fps
        self.seed = seed
        self.captions = captions
        self.label = label
    }
}

/// What a finished render produced.
public struct JobResult: Sendable, Codable, Equatable {
    public var width: Int
    public var height: Int
    public var fps: Int
    public var frames: Int
    public var duration: Double
    public var renderSeconds: Double
    public var bytes: Int
    public var captions: Bool
    public var poster: Bool

    public init(width: Int, height: Int, fps: Int, frames: Int, duration: Double, renderSeconds: Double, bytes: Int,
                captions: Bool, poster: Bool) {
        self.width = width
        self.height = height
        self.fps = fps
        self.frames = frames
        self.duration = duration
        self.renderSeconds = renderSeconds
        self.bytes = bytes
        self.captions = captions
        self.poster = poster
    }
}

public struct JobRecord: Sendable, Equatable {
    public var id: String
    public var tenant: String
    public var avatarID: String?
    public var spec: JobSpec
    public var webhookURL: String?
    public var lifecycle: JobLifecycle
    public var result: JobResult?

    public init(id: String, tenant: String, avatarID: String?, spec: JobSpec, webhookURL: String?, lifecycle: JobLifecycle,
                result: JobResult?) {
        self.id = id
        self.tenant = tenant
        self.avatarID = avatarID
        self.spec = spec
        self.webhookURL = webhookURL
        self.lifecycle = lifecycle
        self.result = result
    }
}

public struct AvatarRecord: Sendable, Equatable {
    public var id: String
    public var tenant: String
    public var createdAt: Double
    /// Server-chosen file name inside the avatar's folder (e.g. `photo.jpg`).
    public var photoFile: String
    /// The face check, JSON (`AvatarSummary`).
    public var summaryJSON: String
}

public struct TenantRecord: Sendable, Equatable {
    public var id: String
    /// The HMAC-SHA256 key webhooks to this tenant are signed with.
    public var webhookSecret: String
    public var createdAt: Double
}

public struct APIKeyRecord: Sendable, Equatable {
    /// The public part of the key (`fc_<id>_…`), used to find the row; the secret is only stored hashed.
    public var id: String
    public var tenant: String
    public var name: String
    /// SHA-256 of the whole key, hex.
    public var hash: String
    public var createdAt: Double
    public var revokedAt: Double?
}

public struct JobEventRecord: Sendable, Codable, Equatable {
    public var at: Double
    public var kind: String
    public var worker: String?
    public var detail: String?
}

public struct WebhookDelivery: Sendable, Codable, Equatable {
    public var jobID: String
    public var attempt: Int
    public var at: Double
    public var statusCode: Int?
    public var error: String?
    public var delivered: Bool
}

extension JobSpec {
    /// `voice` holds a voice id ("neural:joe", "espeak:de") or a language ("en", "de"): the (voice, language) pair a
    /// render takes. A language speaks with its default voice (the neural voice for English).
    static func voiceSelection(_ voice: String) -> (voice: String?, language: String?) {
        voice.contains(":") ? (voice, nil) : (nil, voice)
    }
}
