import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Encoder settings for the MP4 we deliver: H.264 yuv420p + AAC, +faststart (plays everywhere).
public struct EncoderSettings: Sendable {
    public var width: Int
    public var height: Int
    public var fps: Int
    public var preset: String = "veryfast"
    public var crf: Int = 18
    public var audioBitrate: String = "128k"
    public var metadata: [String: String] = [:]
    /// An SRT file to burn into the picture (libass, bottom centre, above the disclosure label). Its path must not
    /// contain characters that ffmpeg's filter syntax treats specially (`:`, `'`, `\`, `,`, `[`, `]`, `;`).
    public var burnInSubtitlesPath: String? = nil

    public init(width: Int, height: Int, fps: Int) {
        precondition(width % 2 == 0 && height % 2 == 0, "yuv420p needs even dimensions")
        self.width = width
        self.height = height
        self.fps = fps
    }
}

/// Streams raw RGB frames into an ffmpeg process that muxes them with an audio file into an MP4.
/// Frames are queued to a dedicated writer thread (bounded, so memory stays flat) because pipe writes block.
public final class VideoEncoder: @unchecked Sendable {
    private let process: Process
    private let stdin: FileHandle
    private let stdinFD: Int32
    private var stdinClosed = false
    private let logURL: URL
    private let settings: EncoderSettings
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var finished = false
    private var writeError: MediaError?
    private var writer: Thread?
    private let capacity = 6

    /// Starts ffmpeg writing `outputPath` (format forced to MP4, so a temporary name is fine).
    /// Without `audioPath` the MP4 has a video stream only (used for quality baselines).
    public init(outputPath: String, audioPath: String?, settings: EncoderSettings) throws {
        signal(SIGPIPE, SIG_IGN)
        self.settings = settings
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent("facecast-ffmpeg-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Tool.path("ffmpeg"))
        var args = [
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(settings.width)x\(settings.height)",
            "-r", "\(settings.fps)", "-i", "pipe:0",
        ]
        if let audioPath { args += ["-i", audioPath, "-map", "0:v:0", "-map", "1:a:0"] } else { args += ["-map", "0:v:0"] }
        if let subtitles = settings.burnInSubtitlesPath {
            guard !subtitles.contains(where: { ":'\\,[];".contains($0) }) else {
                throw MediaError.badOutput("Cannot burn in the captions from \(subtitles): the path contains characters ffmpeg's filter syntax reserves.")
            }
            // Sizes are in libass's 288-line script space: about 5.5 % of the picture height, set above the label.
            args += ["-vf", "subtitles=filename=\(subtitles):charenc=UTF-8:force_style='FontName=Noto Sans,FontSize=16,"
                + "PrimaryColour=&H00FFFFFF,OutlineColour=&H80000000,BorderStyle=1,Outline=1.2,Shadow=0,MarginV=26'"]
        }
        args += [
            "-c:v", "libx264", "-preset", settings.preset, "-crf", "\(settings.crf)",
            "-pix_fmt", "yuv420p", "-profile:v", "high",
        ]
        // The "fast" AAC coder is 3× quicker than the default two-loop search (for long scripts the audio
        // encode dominated the job) and transparent for speech at this bitrate.
        if audioPath != nil { args += ["-c:a", "aac", "-aac_coder", "fast", "-b:a", settings.audioBitrate] }
        args += ["-movflags", "+faststart"]
        for (k, v) in settings.metadata.sorted(by: { $0.key < $1.key }) { args += ["-metadata", "\(k)=\(v)"] }
        args += ["-f", "mp4", outputPath]
        process.arguments = args
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: logURL)
        try process.run()
        stdin = input.fileHandleForWriting
        stdinFD = stdin.fileDescriptor
        _ = fcntl(stdinFD, 1031 /* F_SETPIPE_SZ */, 1 << 20)
        let thread = Thread { [unowned self] in self.drain() }
        thread.name = "facecast-encoder-writer"
        writer = thread
        thread.start()
    }

    /// Queues one frame (width*height*3 bytes, RGB); blocks while the queue is full.
    public func write(_ frame: [UInt8]) throws {
        precondition(frame.count == settings.width * settings.height * 3, "frame size does not match the encoder")
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && writeError == nil { condition.wait() }
        if let writeError { throw writeError }
        queue.append(frame)
        condition.broadcast()
    }

    /// Closes the stream, waits for ffmpeg and reports its failure, if any.
    public func finish() throws {
        condition.lock()
        finished = true
        condition.broadcast()
        while !queue.isEmpty && writeError == nil { condition.wait() }
        let failure = writeError
        condition.unlock()
        closeStdin()
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: logURL) }
        let log = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        if let failure { throw failure }
        guard process.terminationStatus == 0 else {
            throw MediaError.toolFailed(tool: "ffmpeg", status: process.terminationStatus, log: log)
        }
    }

    /// Stops ffmpeg without finishing the file (the caller deletes it).
    public func cancel() {
        condition.lock()
        finished = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
        if process.isRunning { process.terminate() }
        closeStdin()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: logURL)
    }

    /// Closes ffmpeg's stdin exactly once, through its FileHandle (a raw close() here would be repeated by the
    /// handle's deinit and could close an unrelated descriptor that reused the number).
    private func closeStdin() {
        condition.lock()
        defer { condition.unlock() }
        guard !stdinClosed else { return }
        stdinClosed = true
        try? stdin.close()
    }

    private func drain() {
        while true {
            condition.lock()
            while queue.isEmpty && !finished { condition.wait() }
            if queue.isEmpty && finished {
                condition.unlock()
                return
            }
            let frame = queue[0]
            condition.unlock()
            let ok = frame.withUnsafeBytes { writeAll($0) }
            condition.lock()
            if !queue.isEmpty { queue.removeFirst() }
            if !ok && writeError == nil {
                let log = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
                writeError = MediaError.pipeClosed(tool: "ffmpeg", log: log)
                queue.removeAll()
            }
            condition.broadcast()
            condition.unlock()
            if !ok { return }
        }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(stdinFD, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }
}
