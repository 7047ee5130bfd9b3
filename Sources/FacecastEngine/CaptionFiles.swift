import FacecastCore
import Foundation

/// Caption files on disk: written beside the video, atomically, and a temporary SRT for burning in.
enum CaptionFiles {
    /// Writes NAME.srt / NAME.vtt next to `video` (temporary name, then rename) and returns their paths.
    static func write(_ cues: [CaptionCue], formats: Set<CaptionFormat>, beside video: URL) throws -> [String] {
        var paths: [String] = []
        for format in CaptionFormat.allCases where formats.contains(format) {
            let url = video.deletingPathExtension().appendingPathExtension(format.fileExtension)
            let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).partial")
            do {
                try Data(format.document(cues).utf8).write(to: temp)
            } catch {
                throw FacecastError(.output, "Cannot write the captions to \(url.path): \(error.localizedDescription)")
            }
            try OutputPath.commit(temp: temp, to: url)
            paths.append(url.path)
        }
        return paths
    }

    /// An SRT in the temporary folder, under a name that is safe inside an ffmpeg filter argument.
    static func temporary(_ cues: [CaptionCue]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("facecast-captions-\(UUID().uuidString).srt")
        do { try Data(CaptionFormat.srt.document(cues).utf8).write(to: url) } catch {
            throw FacecastError(.output, "Cannot write temporary captions to \(url.path): \(error.localizedDescription)")
        }
        return url
    }
}
