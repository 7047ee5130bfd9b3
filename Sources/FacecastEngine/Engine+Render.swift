import FaceAnalysisDlib
import FacecastCore
import Foundation
import MediaFFmpeg
import SpeechEspeak

extension Engine {
    /// Photo + script → MP4. Progress is reported as a fraction 0…1 of frames encoded.
    /// The MP4 is written under a temporary name beside the destination and renamed on success;
    /// on failure nothing is left at the destination.
    public func render(_ request: RenderRequest, progress: @escaping @Sendable (Double) -> Void = { _ in }) async throws -> RenderResult {
        let clock = ContinuousClock()
        let started = clock.now
        var timings = RenderResult.Timings()
        let output = URL(fileURLWithPath: request.outputPath)
        try OutputPath.check(output)

        // Speech first: an empty script or unknown voice fails fast, before any image work.
        var t0 = clock.now
        let wav = FileManager.default.temporaryDirectory.appendingPathComponent("facecast-\(UUID().uuidString).wav")
        defer { try? FileManager.default.removeItem(at: wav) }
        let speech = try speechTrack(for: request, writingTo: wav)
        timings.speech = (clock.now - t0).seconds

        t0 = clock.now
        let avatar = try avatar(for: request)
        let (canvas, renderer, placement) = (avatar.canvas, avatar.renderer, avatar.placement)
        let performance = Performance(timeline: speech.timeline, loudness: speech.loudness, seed: request.seed)
        let label = request.visibleLabel ? DisclosureLabel(frameWidth: canvas.width, frameHeight: canvas.height) : nil
        timings.analysis = (clock.now - t0).seconds

        if let timelinePath = request.timelinePath {
            try writeTimeline(speech.timeline, blinks: performance.blinks, to: timelinePath)
        }

        t0 = clock.now
        let frameCount = Performance.frameCount(duration: speech.timeline.duration, fps: Double(request.fps))
        let temp = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).\(UUID().uuidString.prefix(8)).partial")
        let cues = CaptionBuilder().cues(for: speech.timeline, script: captionScript(for: request))
        var settings = EncoderSettings(width: canvas.width, height: canvas.height, fps: request.fps)
        settings.preset = request.preset
        let burnIn = request.burnCaptions ? try CaptionFiles.temporary(cues) : nil
        defer { if let burnIn { try? FileManager.default.removeItem(at: burnIn) } }
        settings.burnInSubtitlesPath = burnIn?.path
        settings.metadata = [
            "comment": "AI-generated talking video made by Facecast from a still photo and "
                + (request.audioPath == nil ? "synthetic speech" : "a voice recording")
                + (request.visibleLabel ? "" : "; the visible label was turned off by the user"),
            "encoder": "Facecast",
            "description": placement.metadataValue,
        ]
        var captionPaths: [String] = []
        let encoder: VideoEncoder
        do { encoder = try VideoEncoder(outputPath: temp.path, audioPath: speech.audio.path, settings: settings) } catch {
            throw FacecastError.wrap(error)
        }
        do {
            try await FrameStreamer.stream(
                frameCount: frameCount, fps: Double(request.fps), renderer: renderer, performance: performance,
                label: label, frameWidth: canvas.width, encoder: encoder, progress: progress)
            try encoder.finish()
            try OutputPath.commit(temp: temp, to: output)
            captionPaths = try CaptionFiles.write(cues, formats: request.captions, beside: output)
        } catch {
            encoder.cancel()
            try? FileManager.default.removeItem(at: temp)
            throw FacecastError.wrap(error)
        }
        timings.renderAndEncode = (clock.now - t0).seconds
        timings.total = (clock.now - started).seconds
        return RenderResult(
            outputPath: output.path, width: canvas.width, height: canvas.height, fps: request.fps,
            frames: frameCount, duration: speech.timeline.duration, seconds: timings, timeline: speech.timeline,
            blinks: performance.blinks, captionPaths: captionPaths)
    }

    private func writeTimeline(_ timeline: SpeechTimeline, blinks: [Blink], to path: String) throws {
        struct Document: Encodable { var timeline: SpeechTimeline; var blinks: [Blink] }
        try Self.writeJSON(Document(timeline: timeline, blinks: blinks), to: path, what: "the timeline")
    }

    /// Writes pretty, key-sorted JSON atomically; a failure names `what` could not be written where.
    static func writeJSON(_ value: some Encodable, to path: String, what: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(value).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FacecastError(.output, "Cannot write \(what) to \(path): \(error.localizedDescription)")
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
