/// SubRip (.srt) and WebVTT (.vtt) text for caption cues.
public enum CaptionFormat: String, Sendable, CaseIterable, Codable {
    case srt
    case vtt

    public var fileExtension: String { rawValue }

    public func document(_ cues: [CaptionCue]) -> String {
        switch self {
        case .srt:
            return cues.enumerated().map { i, c in
                "\(i + 1)\n\(Self.stamp(c.start, separator: ",")) --> \(Self.stamp(c.end, separator: ","))\n\(c.text)\n"
            }.joined(separator: "\n")
        case .vtt:
            let body = cues.map { c in
                "\(Self.stamp(c.start, separator: ".")) --> \(Self.stamp(c.end, separator: "."))\n\(Self.escapeVTT(c.text))\n"
            }
            return (["WEBVTT\n"] + body).joined(separator: "\n")
        }
    }

    /// hh:mm:ss,mmm (SRT) or hh:mm:ss.mmm (WebVTT).
    static func stamp(_ seconds: Double, separator: String) -> String {
        let ms = max(0, Int((seconds * 1000).rounded()))
        func pad(_ v: Int, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        return "\(pad(ms / 3_600_000, 2)):\(pad(ms / 60_000 % 60, 2)):\(pad(ms / 1000 % 60, 2))\(separator)\(pad(ms % 1000, 3))"
    }

    /// WebVTT cue text treats `&`, `<` and `>` as markup.
    static func escapeVTT(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }
}
