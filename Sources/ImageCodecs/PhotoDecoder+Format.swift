extension PhotoDecoder {
    /// The image format a file's first bytes say it is ("jpeg", "png", "webp", or another named format such as
    /// "GIF" that cannot be decoded), or nil when it is not a known image at all. The name is never consulted.
    public static func sniffedFormat(_ bytes: [UInt8]) -> (name: String, decodable: Bool)? {
        switch sniff(bytes) {
        case .jpeg: return ("jpeg", true)
        case .png: return ("png", true)
        case .webp: return ("webp", true)
        case .other(let format): return (format, false)
        case .none: return nil
        }
    }
}
