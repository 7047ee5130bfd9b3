// `make bench`: speed of the renderer and of whole jobs, each beside a baseline measured in the same run.
// Writes bench/results.json and prints a table. Inputs are the real photos the bootstrap fetched.
import FacecastCore
import FacecastEngine
import FacecastTesting
import Foundation
import MediaFFmpeg

struct Measurement: Codable {
    var name: String
    var value: Double
    var unit: String
    var note: String
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

@main
struct Bench {
    static func main() async throws {
        let clock = ContinuousClock()
        let engine = Engine()
        var results: [Measurement] = []

        // Rig + renderer on the astronaut photo at 512².
        let photo = try Photo.load(path: try Fixtures.path("astronaut.png"))
        let face = try requireFaceImpl(engine.faceAnalyzer().detectFaces(in: photo).first)
        let rig = Rig(canvasWidth: photo.width, canvasHeight: photo.height, landmarks: face.landmarks)
        let renderer = FaceRenderer(rig: rig, base: photo)
        let frameCount = 500
        let timeline = SpeechTimeline(duration: Double(frameCount) / 25, phones: [], words: [])
        let performance = Performance(timeline: timeline, seed: 1)
        var params = (0..<frameCount).map { performance.params(at: Double($0) / 25) }
        // Exercise the mouth too: a synthetic open/close cycle on top of the performance.
        for i in params.indices { params[i].jawOpen = 0.5 + 0.5 * sin(Double(i) * 0.7) }

        var t = clock.now
        for p in params { _ = renderer.render(p) }
        let single = Double(frameCount) / seconds(clock.now - t)
        results.append(.init(name: "renderer_fps_512_single_thread", value: single, unit: "frames/s", note: "astronaut.png, 500 frames"))

        let frozen = params
        t = clock.now
        let cores = ProcessInfo.processInfo.activeProcessorCount
        await withTaskGroup(of: Void.self) { group in
            for c in 0..<cores {
                group.addTask {
                    for i in stride(from: c, to: frameCount, by: cores) { _ = renderer.render(frozen[i]) }
                }
            }
        }
        let parallel = Double(frameCount) / seconds(clock.now - t)
        results.append(.init(name: "renderer_fps_512_all_cores", value: parallel, unit: "frames/s", note: "\(cores) cores"))

        // Baseline: ffmpeg encoding the same number of still frames with the delivery settings.
        let dir = try Fixtures.temporaryDirectory()
        let wav = dir.appendingPathComponent("silence.wav")
        try Data(WAVFile.encode(samples: [Float](repeating: 0, count: 22050 * frameCount / 25), sampleRate: 22050)).write(to: wav)
        t = clock.now
        let encoder = try VideoEncoder(outputPath: dir.appendingPathComponent("still.mp4").path, audioPath: wav.path,
                                       settings: EncoderSettings(width: 512, height: 512, fps: 25))
        for _ in 0..<frameCount { try encoder.write(photo.pixels) }
        try encoder.finish()
        let encodeFPS = Double(frameCount) / seconds(clock.now - t)
        results.append(.init(name: "ffmpeg_encode_fps_512_baseline", value: encodeFPS, unit: "frames/s",
                             note: "libx264 veryfast crf 18 + AAC, still frames piped"))
        results.append(.init(name: "renderer_vs_encoder_ratio", value: parallel / encodeFPS, unit: "x",
                             note: "renderer all cores / ffmpeg baseline, same run"))

        // Whole job: ~30 s script, speech + analysis + render + encode.
        var request = RenderRequest(photoPath: try Fixtures.path("astronaut.png"),
            text: "Welcome to the show. Today we talk about space, about flying, and about the people who make it possible. "
                + "Every mission starts with a dream, then years of training, and finally a launch that takes only minutes. "
                + "Being up there changes how you see the planet: no borders, just a thin blue line of air. "
                + "Thank you for listening, and keep looking up.",
            outputPath: dir.appendingPathComponent("job.mp4").path)
        request.seed = 3
        let job = try await engine.render(request)
        results.append(.init(name: "job_realtime_factor_512", value: job.duration / job.seconds.total, unit: "x real time",
                             note: String(format: "%.1f s of video in %.1f s (speech %.2f, analysis %.2f, render+encode %.2f)",
                                          job.duration, job.seconds.total, job.seconds.speech, job.seconds.analysis, job.seconds.renderAndEncode)))
        try? FileManager.default.removeItem(at: dir)

        let out = Fixtures.root.appendingPathComponent("bench")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try enc.encode(results).write(to: out.appendingPathComponent("results.json"))
        print("| measurement | value | unit | note |\n|---|---|---|---|")
        for r in results { print("| \(r.name) | \(String(format: "%.2f", r.value)) | \(r.unit) | \(r.note) |") }
    }
}

func requireFaceImpl<T>(_ value: T?) throws -> T {
    guard let value else { throw FacecastError(.noFace, "bench: no face in the bench photo") }
    return value
}
