/// The body of POST /v1/videos (JSON, or the `request` field of a multipart form that also carries `photo`).
struct VideoCreateRequest: Decodable, Sendable {
    struct Script: Decodable, Sendable {
        var text: String?
        var voice: String?
        /// A language code such as "de"; used as the voice when no voice is given.
        var language: String?
        /// Recorded audio instead of text (not supported by this build).
        var audioUrl: String?
    }
    struct Options: Decodable, Sendable {
        var size: Int?
        var framing: String?
        var fps: Int?
        var seed: UInt64?
        var captions: Bool?
        var label: Bool?
    }

    var avatarId: String?
    var script: Script
    var options: Options?
    var webhookUrl: String?
}
