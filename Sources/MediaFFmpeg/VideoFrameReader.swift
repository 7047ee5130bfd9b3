import FacecastCore
import Foundation

/// Decodes a video's frames back to RGB through ffmpeg (used by checks and quality measurement).
public final class VideoFrameReader {
    public let width: Int
    public let height: Int
    private let process: Process
    private let handle: FileHandle

    public init(path: String, width: Int, height: Int, fps: Double? = nil) throws {
        self.width = width
        self.height = height
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Tool.path("ffmpeg"))
        var args = ["-v", "error", "-nostdin", "-i", path]
        if let fps { args += ["-vf", "fps=\(fps)"] }
        args += ["-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]
        process.arguments = args
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        handle = out.fileHandleForReading
    }

    /// The next frame, or nil at the end of the video.
    public func next() throws -> RGBImage? {
        let size = width * height * 3
        var buffer = Data()
        while buffer.count < size {
            guard let chunk = try handle.read(upToCount: size - buffer.count), !chunk.isEmpty else { break }
            buffer.append(chunk)
        }
        guard buffer.count == size else { return nil }
        return RGBImage(width: width, height: height, pixels: [UInt8](buffer))
    }

    deinit {
        // Closing our end first: an ffmpeg blocked writing to a full pipe then fails at once (EPIPE) instead of
        // waiting forever for a reader that stopped early.
        try? handle.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
