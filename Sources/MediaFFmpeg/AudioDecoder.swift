import Foundation

/// Decodes the audio of any media file ffmpeg can read into mono float samples.
public enum AudioDecoder {
    /// Mono 32-bit float samples at `sampleRate` (channels mixed down). Empty when the file has no audio.
    public static func decodeMono(path: String, sampleRate: Int = 16_000) throws -> [Float] {
        let data = try Tool.run("ffmpeg", ["-v", "error", "-nostdin", "-i", path, "-vn", "-ac", "1", "-ar", "\(sampleRate)",
                                           "-f", "f32le", "pipe:1"])
        let count = data.count / MemoryLayout<Float>.size
        var samples = [Float](repeating: 0, count: count)
        _ = samples.withUnsafeMutableBytes { data.copyBytes(to: $0, count: count * MemoryLayout<Float>.size) }
        return samples
    }
}
