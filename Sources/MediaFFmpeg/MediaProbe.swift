import Foundation

/// What ffprobe says about a media file.
public struct MediaProbe: Sendable {
    public struct Stream: Sendable {
        public var type: String  // "video" or "audio"
        public var codec: String
        public var duration: Double?
        public var width: Int?
        public var height: Int?
        public var pixelFormat: String?
        public var frameRate: Double?
        public var frameCount: Int?
        public var sampleRate: Int?
    }
    public var formatName: String
    public var duration: Double?
    public var streams: [Stream]
    public var tags: [String: String]

    public var video: Stream? { streams.first { $0.type == "video" } }
    public var audio: Stream? { streams.first { $0.type == "audio" } }

    public static func probe(_ path: String) throws -> MediaProbe {
        let data = try Tool.run("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-count_packets", path])
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw MediaError.badOutput("ffprobe printed no JSON for \(path)")
        }
        let format = root["format"] as? [String: Any] ?? [:]
        let streams = (root["streams"] as? [[String: Any]] ?? []).map { s -> Stream in
            func num(_ key: String) -> Double? { (s[key] as? String).flatMap(Double.init) ?? (s[key] as? Double) }
            var fps: Double?
            if let r = s["avg_frame_rate"] as? String {
                let parts = r.split(separator: "/").compactMap { Double($0) }
                if parts.count == 2, parts[1] != 0 { fps = parts[0] / parts[1] }
            }
            return Stream(
                type: s["codec_type"] as? String ?? "", codec: s["codec_name"] as? String ?? "",
                duration: num("duration"), width: s["width"] as? Int, height: s["height"] as? Int,
                pixelFormat: s["pix_fmt"] as? String, frameRate: fps,
                frameCount: (s["nb_read_packets"] as? String).flatMap(Int.init),
                sampleRate: (s["sample_rate"] as? String).flatMap(Int.init))
        }
        return MediaProbe(
            formatName: format["format_name"] as? String ?? "",
            duration: (format["duration"] as? String).flatMap(Double.init),
            streams: streams, tags: format["tags"] as? [String: String] ?? [:])
    }
}
