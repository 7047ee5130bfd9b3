// `make bench`: speed of the renderer and of whole jobs, each beside a baseline measured in the same run.
// Writes bench/results.json and bench/results.md and prints the table. Inputs are the real photos the bootstrap fetched.
import FacecastCore
import FacecastEngine
import FacecastTesting
import Foundation
import MediaFFmpeg
import SpeechEspeak
import SpeechNeural
#if canImport(Glibc)
import Glibc
#endif

struct Measurement: Codable {
    var name: String
    var value: Double
    var unit: String
    var note: String
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

/// About 30 seconds of speech at espeak-ng's default rate.
let script = """
    Welcome to the show. Today we talk about space, about flying, and about the people who make it possible. \
    Every mission starts with a dream, then years of training, and finally a launch that takes only minutes. \
    Being up there changes how you see the planet: no borders, just a thin blue line of air around everything we know. \
    Back on the ground, thousands of engineers check every bolt, every cable and every line of software, twice. \
    Thank you for listening, and keep looking up.
    """

@main
struct Bench {
    static func main() async throws {
        let clock = ContinuousClock()
        let benchStart = clock.now
        // `facecast-bench speech`: only the voices (about 30 s), printed, results.json untouched.
        if CommandLine.arguments.dropFirst().first == "speech" {
            var speech: [Measurement] = []
            try measureSpeech(into: &speech) { FileHandle.standardError.write(Data("bench: \($0)\n".utf8)) }
            for r in speech { print("| \(r.name) | \(String(format: "%.3f", r.value)) | \(r.unit) | \(r.note) |") }
            return
        }
        let engine = Engine()
        var results: [Measurement] = []
        func log(_ s: String) { FileHandle.standardError.write(Data("bench: \(s)\n".utf8)) }
        // `facecast-bench renderer`: only the renderer (about 20 s), printed, results.json untouched.
        if CommandLine.arguments.dropFirst().first == "renderer" {
            try await measureRenderer(engine: engine, cores: ProcessInfo.processInfo.activeProcessorCount, into: &results, log: log)
            for r in results { print("| \(r.name) | \(String(format: "%.1f", r.value)) | \(r.unit) | \(r.note) |") }
            return
        }
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cores = ProcessInfo.processInfo.activeProcessorCount

        // 1. The whole job through the release CLI, as a user runs it (includes loading the models). Run first, so the
        //    children's peak RSS belongs to this job: facecast itself or the ffmpeg it starts, whichever is larger.
        log("whole job through the CLI (30 s script)")
        let scriptFile = dir.appendingPathComponent("script.txt")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        let astronaut = try Fixtures.path("astronaut.png")
        let cliVideo = dir.appendingPathComponent("cli.mp4").path
        var t = clock.now
        let cli = try Fixtures.runCLI(["render", astronaut, "--text-file", scriptFile.path, "-o", cliVideo, "-q"],
                                      executable: Fixtures.releaseExecutable)
        let cliSeconds = seconds(clock.now - t)
        guard cli.status == 0 else { throw BenchError("facecast render failed: \(cli.stderr)") }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let cliDuration = try MediaProbe.probe(cliVideo).duration ?? 0
        results.append(.init(name: "cli_job_realtime_factor", value: cliDuration / cliSeconds, unit: "x real time",
                             note: String(format: "astronaut 512², %.1f s of video in %.1f s wall, model loading included", cliDuration, cliSeconds)))
        results.append(.init(name: "cli_job_peak_rss", value: Double(usage.ru_maxrss) / 1024, unit: "MiB",
                             note: "largest process of the job (facecast or its ffmpeg)"))

        // 2. The same job in-process, split into its stages.
        log("whole job in-process, by stage")
        var request = RenderRequest(photoPath: astronaut, text: script, outputPath: dir.appendingPathComponent("job.mp4").path)
        request.seed = 3
        _ = try engine.faceAnalyzer()  // models loaded before timing, as in a server
        _ = try engine.speak("Ready.")  // the neural voice's model too
        let firstFrame = FirstTime()
        t = clock.now
        let jobStart = clock.now
        let job = try await engine.render(request) { _ in firstFrame.mark(seconds(clock.now - jobStart)) }
        let jobSeconds = seconds(clock.now - t)
        results.append(.init(name: "job_realtime_factor", value: job.duration / jobSeconds, unit: "x real time",
                             note: String(format: "%.1f s of video in %.2f s: speech %.2f, photo+face %.2f, render+encode (pipelined) %.2f",
                                          job.duration, jobSeconds, job.seconds.speech, job.seconds.analysis, job.seconds.renderAndEncode)))
        results.append(.init(name: "job_speech_seconds", value: job.seconds.speech, unit: "s",
                             note: "default voice (neural:joe): phonemes, neural synthesis, espeak-ng reference, alignment"))
        results.append(.init(name: "job_first_frames_latency", value: firstFrame.value ?? .nan, unit: "s",
                             note: "from request to the first \(2 * cores) frames handed to the encoder"))

        // Render alone, same frames, all cores (no encoder).
        let photo = try Photo.load(path: astronaut)
        let face = try require(engine.faceAnalyzer().detectFaces(in: photo).first)
        let rig = Rig(canvasWidth: photo.width, canvasHeight: photo.height, landmarks: face.landmarks)
        let renderer = FaceRenderer(rig: rig, base: photo)
        let performance = Performance(timeline: job.timeline, seed: 3)
        t = clock.now
        await renderAll(renderer: renderer, performance: performance, frames: job.frames, fps: 25, workers: cores)
        let renderOnly = seconds(clock.now - t)
        results.append(.init(name: "job_render_only_seconds", value: renderOnly, unit: "s",
                             note: "\(job.frames) frames, \(cores) cores, no encoding"))

        // Encode alone (the baseline): ffmpeg encoding the same number of still frames with the delivery settings.
        let wav = dir.appendingPathComponent("silence.wav")
        try Data(WAVFile.encode(samples: [Float](repeating: 0, count: Int(22050 * job.duration)), sampleRate: 22050)).write(to: wav)
        t = clock.now
        let encoder = try VideoEncoder(outputPath: dir.appendingPathComponent("still.mp4").path, audioPath: wav.path,
                                       settings: EncoderSettings(width: photo.width, height: photo.height, fps: 25))
        for _ in 0..<job.frames { try encoder.write(photo.pixels) }
        try encoder.finish()
        let encodeOnly = seconds(clock.now - t)
        results.append(.init(name: "job_encode_only_seconds_baseline", value: encodeOnly, unit: "s",
                             note: "ffmpeg libx264 veryfast crf 18 + AAC, \(job.frames) still frames piped (same run)"))
        results.append(.init(name: "job_vs_encode_baseline_ratio", value: jobSeconds / encodeOnly, unit: "x",
                             note: "whole job time / ffmpeg's encode of the same frame count (1.0 = as fast as encoding alone)"))

        // 3. The renderer alone at 512², one thread and all cores: the astronaut (small face) and a large face crop.
        try await measureRenderer(engine: engine, cores: cores, into: &results, log: log)
        let encodeFPS = Double(job.frames) / encodeOnly
        results.append(.init(name: "ffmpeg_encode_fps_512_baseline", value: encodeFPS, unit: "frames/s", note: "from the encode-only run above"))

        // 4. qa on the job's video.
        log("qa on the 30 s video")
        var qa = QualityRequest(videoPath: request.outputPath, sourcePath: astronaut)
        qa.timeline = job.timeline
        t = clock.now
        let quality = try engine.measureQuality(qa)
        let qaSeconds = seconds(clock.now - t)
        results.append(.init(name: "qa_realtime_factor", value: job.duration / qaSeconds, unit: "x real time",
                             note: String(format: "%.1f s to measure %.1f s of video (two decoding passes, landmarks on every frame); %d of %d targets met",
                                          qaSeconds, job.duration, quality.report.checks.filter { $0.pass == true }.count,
                                          quality.report.checks.filter { $0.pass != nil }.count)))

        // 5. Alignment (issue 6 / the neural voice's timing): a 30 s espeak-ng reading carried onto another voice's
        //    slower reading of the same script, one core; and acoustic visemes for the same audio.
        log("alignment of 30 s of speech")
        let ref = try EspeakSynthesizer.shared.synthesize(script, voice: "en-us", rate: 175)
        let tgt = try EspeakSynthesizer.shared.synthesize(script, voice: "en-us+f3", rate: 150)
        let refClip = AudioClip(samples: ref.samples, sampleRate: ref.sampleRate), tgtClip = AudioClip(samples: tgt.samples, sampleRate: tgt.sampleRate)
        // CPU seconds of this thread too: other processes on the machine stretch wall time, not CPU time.
        func cpuSeconds() -> Double {
            var u = rusage()
            getrusage(1, &u)  // RUSAGE_THREAD (Linux)
            return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
        }
        var transferTimes: [Double] = [], visemeTimes: [Double] = [], transferCPU: [Double] = []
        for _ in 0..<3 {
            t = clock.now
            let c0 = cpuSeconds()
            _ = TimelineTransfer.transfer(ref.timeline, reference: refClip, target: tgtClip)
            transferCPU.append(cpuSeconds() - c0)
            transferTimes.append(seconds(clock.now - t))
            t = clock.now
            _ = AcousticVisemes.timeline(for: tgtClip)
            visemeTimes.append(seconds(clock.now - t))
        }
        t = clock.now
        _ = try TranscriptAligner(language: "en-us").align(script, to: tgtClip)
        let alignerSeconds = seconds(clock.now - t)
        results.append(.init(name: "align_transfer_seconds", value: transferTimes.sorted()[1], unit: "s",
                             note: String(format: "TimelineTransfer of a %.1f s reference onto %.1f s of target audio, one thread (median of 3; %.2f s of CPU)", refClip.duration, tgtClip.duration, transferCPU.sorted()[1])))
        results.append(.init(name: "align_transcript_seconds", value: alignerSeconds, unit: "s",
                             note: String(format: "TranscriptAligner: two espeak-ng renditions at a matched rate + two transfers, %.1f s of audio", tgtClip.duration)))
        results.append(.init(name: "acoustic_visemes_seconds", value: visemeTimes.sorted()[1], unit: "s",
                             note: String(format: "visemes from the sound alone, %.1f s of audio (median of 3)", tgtClip.duration)))

        // 6. Speech alone: the neural voice with 1 and 2 threads, against espeak-ng on the same script (same run).
        try measureSpeech(into: &results, log: log)

        results.append(.init(name: "bench_wall_seconds", value: seconds(clock.now - benchStart), unit: "s", note: "this whole benchmark"))

        let out = Fixtures.root.appendingPathComponent("bench")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try enc.encode(results).write(to: out.appendingPathComponent("results.json"))
        var table = "| measurement | value | unit | note |\n|---|---|---|---|\n"
        for r in results { table += "| \(r.name) | \(String(format: "%.2f", r.value)) | \(r.unit) | \(r.note) |\n" }
        try table.write(to: out.appendingPathComponent("results.md"), atomically: true, encoding: .utf8)
        print(table, terminator: "")
    }

    /// Real-time factor (compute seconds per second of audio) of the neural voice's synthesis with 1 and 2
    /// onnxruntime threads, of the whole neural speech step (with the timeline alignment), and of espeak-ng.
    static func measureSpeech(into results: inout [Measurement], log: (String) -> Void) throws {
        let clock = ContinuousClock()
        let voice = NeuralVoice.all[0]
        let clauses = try EspeakSynthesizer.shared.phonemes(for: script, voice: "en-us")
        for threads in [1, 2] {
            log("neural voice, \(threads) thread(s)")
            var t = clock.now
            let synth = try NeuralSynthesizer(voice: voice, threads: threads)
            let load = seconds(clock.now - t)
            let sentences = PiperPhonemes.sentences(from: clauses, symbols: synth.config.symbols)
            _ = try synth.synthesize(sentences: [sentences[0]])  // warm-up
            var compute = 0.0, audio = 0.0
            let cpuBefore = cpuSeconds()
            for _ in 0..<2 {
                t = clock.now
                let out = try synth.synthesize(sentences: sentences)
                compute += seconds(clock.now - t)
                audio += Double(out.samples.count) / Double(out.sampleRate)
            }
            let cpu = cpuSeconds() - cpuBefore
            // CPU time is reported too: on a busy machine the wall time grows, the CPU time per second of audio much less.
            results.append(.init(name: "neural_voice_rtf_\(threads)_thread", value: compute / audio, unit: "s per s of audio",
                                 note: String(format: "sherpa-onnx + Piper joe, %.1f s of speech twice, %.2f× real time, %.3f CPU s per s of audio; model load %.2f s",
                                              audio / 2, audio / compute, cpu / audio, load)))
        }
        log("neural speech step with alignment, and espeak-ng baseline")
        let engine = Engine()
        _ = try engine.speak("Warm up.")
        var t = clock.now
        let neural = try engine.speak(script)
        let neuralStep = seconds(clock.now - t)
        let neuralAudio = Double(neural.samples.count) / Double(neural.sampleRate)
        results.append(.init(name: "neural_speech_step_rtf", value: neuralStep / neuralAudio, unit: "s per s of audio",
                             note: String(format: "engine.speak, default voice: phonemes + synthesis (%d threads) + espeak-ng reference + DTW alignment, %.1f s of speech",
                                          min(4, ProcessInfo.processInfo.activeProcessorCount), neuralAudio)))
        var espeakCompute = 0.0, espeakAudio = 0.0
        for _ in 0..<3 {
            t = clock.now
            let e = try EspeakSynthesizer.shared.synthesize(script, voice: "en-us")
            espeakCompute += seconds(clock.now - t)
            espeakAudio += Double(e.samples.count) / Double(e.sampleRate)
        }
        results.append(.init(name: "espeak_rtf_baseline", value: espeakCompute / espeakAudio, unit: "s per s of audio",
                             note: String(format: "espeak-ng en-us with phone events, same script (%.1f s), %.0f× real time", espeakAudio / 3, espeakAudio / espeakCompute)))
    }

    @MainActor static func measureRenderer(engine: Engine, cores: Int, into results: inout [Measurement],
                                log: @MainActor (String) -> Void) async throws {
        let clock = ContinuousClock()
        for (name, fixture, crop) in [("astronaut", "astronaut.png", false), ("large_face_crop", "frontal_face.jpg", true)] {
            log("renderer fps, \(name)")
            let (r, perf) = try makeRenderer(engine: engine, fixture: fixture, crop: crop)
            let frames = 400
            var t = clock.now
            await renderAll(renderer: r, performance: perf, frames: frames, fps: 25, workers: 1)
            let single = Double(frames) / seconds(clock.now - t)
            t = clock.now
            await renderAll(renderer: r, performance: perf, frames: frames, fps: 25, workers: cores)
            let parallel = Double(frames) / seconds(clock.now - t)
            results.append(.init(name: "renderer_fps_512_\(name)_single_thread", value: single, unit: "frames/s", note: "\(fixture), \(frames) frames of speech motion"))
            results.append(.init(name: "renderer_fps_512_\(name)_all_cores", value: parallel, unit: "frames/s", note: "\(cores) cores"))
        }
    }

    static func makeRenderer(engine: Engine, fixture: String, crop: Bool) throws -> (FaceRenderer, Performance) {
        var photo = try Photo.load(path: try Fixtures.path(fixture))
        var face = try require(engine.faceAnalyzer().detectFaces(in: photo).first).landmarks
        if crop {
            // A 512² crop where the face fills most of the frame: the renderer's worst case per frame.
            let side = 1.6 * face.box.width
            let c = face.box.center
            let x0 = Int(c.x - side / 2), y0 = Int(c.y - side / 2), s = Int(side)
            photo = photo.cropped(x: x0, y: y0, width: s, height: s).resized(width: 512, height: 512)
            let k = 512 / Double(s)
            face = face.transformed(scale: k, offset: Point(-Double(x0) * k, -Double(y0) * k))
        }
        let rig = Rig(canvasWidth: photo.width, canvasHeight: photo.height, landmarks: face)
        let timeline = SpeechTimeline(duration: 20, phones: [], words: [])
        return (FaceRenderer(rig: rig, base: photo), Performance(timeline: timeline, seed: 1))
    }

    static func renderAll(renderer: FaceRenderer, performance: Performance, frames: Int, fps: Double, workers: Int) async {
        await withTaskGroup(of: Void.self) { group in
            for w in 0..<workers {
                group.addTask {
                    for i in stride(from: w, to: frames, by: workers) {
                        var p = performance.params(at: Double(i) / fps)
                        // Keep the mouth moving even where the timeline is silent.
                        p.jawOpen = max(p.jawOpen, 0.5 + 0.5 * sin(Double(i) * 0.7))
                        _ = renderer.render(p)
                    }
                }
            }
        }
    }
}

/// User + system CPU time of this process so far.
func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

func require<T>(_ value: T?) throws -> T {
    guard let value else { throw BenchError("no face in the bench photo") }
    return value
}

/// Remembers the first time a callback fired.
final class FirstTime: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Double?
    func mark(_ t: Double) { lock.lock(); if first == nil { first = t }; lock.unlock() }
    var value: Double? { lock.lock(); defer { lock.unlock() }; return first }
}
