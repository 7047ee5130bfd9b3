import Foundation

/// A still JPEG taken from a video (the "poster" shown before playback).
public enum PosterFrame {
    /// Writes one frame at `seconds` (clamped by ffmpeg to the video) as a JPEG at `outputPath`,
    /// through a temporary name, so the destination is either complete or absent.
    public static func extract(videoPath: String, at seconds: Double, to outputPath: String) throws {
        let temp = outputPath + ".partial.jpg"
        defer { try? FileManager.default.removeItem(atPath: temp) }
        _ = try Tool.run("ffmpeg", ["-nostdin", "-v", "error", "-y", "-ss", String(format: "%.3f", max(0, seconds)),
                                    "-i", videoPath, "-frames:v", "1", "-q:v", "3", "-f", "image2", temp])
        guard FileManager.default.fileExists(atPath: temp) else {
            throw MediaError.toolFailed(tool: "ffmpeg", status: 0, log: "no poster frame was written for \(videoPath)")
        }
        if FileManager.default.fileExists(atPath: outputPath) { try FileManager.default.removeItem(atPath: outputPath) }
        try FileManager.default.moveItem(atPath: temp, toPath: outputPath)
    }
}
