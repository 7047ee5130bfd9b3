import ArgumentParser
import FacecastEngine
import Foundation

struct Render: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a talking video from a photo and a script.",
        discussion: """
            Examples:
              facecast render portrait.jpg --text "Hello! Welcome to our shop." -o hello.mp4
              facecast render portrait.jpg --text-file script.txt --language de -o gruss.mp4 --seed 7
              facecast render portrait.jpg --text "Hello from espeak." --voice espeak:en-us -o robot.mp4
              facecast render group.jpg --face 1 --text "It's me, second from the left." -o me.mp4 --crop 512
              facecast render portrait.jpg --audio message.m4a --transcript-file message.txt -o message.mp4
              facecast render portrait.jpg --audio podcast.mp3 -o podcast.mp4   (any language, no transcript)

            The output is an MP4 (H.264 + AAC, yuv420p, fast start) at 25 fps, the size of the photo \
            (scaled down to at most 1920×1080), or a square head crop with --crop. The same --seed \
            gives the same blinks and head motion.
            """
    )

    @Argument(help: "The portrait photo (JPEG, PNG or WebP).")
    var photo: String

    @Option(name: .long, help: "The words to speak.")
    var text: String?

    @Option(name: .customLong("text-file"), help: "Read the words to speak from a UTF-8 text file.")
    var textFile: String?

    @Option(name: .long, help: "Lip-sync to this recording instead of a script (WAV, MP3, M4A, OGG, FLAC, WebM, …; the MP4 keeps its sound).")
    var audio: String?

    @Option(name: .long, help: "With --audio: the words of the recording, for exact phone timing (otherwise the mouth follows the sound alone).")
    var transcript: String?

    @Option(name: .customLong("transcript-file"), help: "With --audio: read the words of the recording from a UTF-8 text file.")
    var transcriptFile: String?

    @Flag(name: .customLong("allow-long"), help: "Accept recordings longer than 2 hours.")
    var allowLong = false

    @Option(name: [.short, .customLong("output")], help: "Where to write the MP4.")
    var output: String = "facecast.mp4"

    @Option(name: .long, help: "The voice: neural:joe (natural English, the default for English), espeak:LANGUAGE for espeak-ng (e.g. espeak:en-us, espeak:de), or a bare espeak-ng language such as de (see `facecast voices`).")
    var voice: String?

    @Option(name: .long, help: "The script's language (en, es, de, fr, hi, cmn, ar, …): speaks with that language's default voice (neural for English, espeak-ng otherwise). Default: en. With --audio and a transcript: the language spoken in the recording.")
    var language: String?

    @Option(name: .long, help: "Speaking rate in words per minute (80–450).")
    var rate: Int?

    @Option(name: .long, help: "Voice pitch, 0–100.")
    var pitch: Int?

    @Option(name: .long, help: "Frames per second (10–60).")
    var fps: Int = 25

    @Option(name: .long, help: "Seed for blinks and head motion; the same seed gives the same video.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Which face to animate when the photo has several (0 = largest; see `facecast analyze`).")
    var face: Int?

    @Option(name: .long, help: "Output a square head crop of this many pixels instead of the whole photo.")
    var crop: Int?

    @Option(name: .customLong("max-size"), help: "Longest side of the output when rendering the whole photo.")
    var maxSize: Int = 1920

    @Option(name: .long, help: "Also write the phone/word timeline used for the animation as JSON.")
    var timeline: String?

    @Flag(name: .long, help: "Measure the finished video with `facecast qa` and write NAME.qa.json, the chart NAME.qa.png and the contact sheet NAME.sheet.png beside it.")
    var report = false

    @Flag(name: .customLong("no-label"), help: "Leave out the visible \"AI-GENERATED\" label (the file metadata still says it is AI-generated, and that you turned the label off).")
    var noLabel = false

    @Flag(name: [.short, .long], help: "No progress output.")
    var quiet = false

    func validate() throws {
        if audio != nil {
            if text != nil || textFile != nil { throw ValidationError("With --audio the recording is the speech: give its words with --transcript or --transcript-file, not --text.") }
            if transcript != nil && transcriptFile != nil { throw ValidationError("Use either --transcript or --transcript-file, not both.") }
        } else if transcript != nil || transcriptFile != nil || allowLong {
            throw ValidationError("--transcript, --transcript-file and --allow-long go with --audio RECORDING.")
        }
        if audio == nil && text == nil && textFile == nil { throw ValidationError("Give the script with --text \"…\" or --text-file FILE, or a recording with --audio FILE.") }
        if text != nil && textFile != nil { throw ValidationError("Use either --text or --text-file, not both.") }
        if !(10...60).contains(fps) { throw ValidationError("--fps must be between 10 and 60.") }
        if let rate, !(80...450).contains(rate) { throw ValidationError("--rate must be between 80 and 450 words per minute.") }
        if let pitch, !(0...100).contains(pitch) { throw ValidationError("--pitch must be between 0 and 100.") }
        if let crop, !(64...2048).contains(crop) { throw ValidationError("--crop must be between 64 and 2048 pixels.") }
        if !(128...4096).contains(maxSize) { throw ValidationError("--max-size must be between 128 and 4096.") }
    }

    func run() async throws {
        let script: String
        if let text {
            script = text
        } else if let textFile {
            guard let data = FileManager.default.contents(atPath: textFile) else {
                throw fail(FacecastError(.input, "Cannot read the script file \(textFile)."))
            }
            script = String(decoding: data, as: UTF8.self)
        } else {
            script = ""
        }
        var request = RenderRequest(photoPath: photo, text: script, outputPath: output)
        if let audio {
            request.audioPath = audio
            request.language = language
            request.allowLong = allowLong
            if let transcript {
                request.transcript = transcript
            } else if let transcriptFile {
                guard let data = FileManager.default.contents(atPath: transcriptFile) else {
                    throw fail(FacecastError(.input, "Cannot read the transcript file \(transcriptFile)."))
                }
                request.transcript = String(decoding: data, as: UTF8.self)
            }
        }
        request.voice = voice
        request.language = language
        request.rate = rate
        request.pitch = pitch
        request.fps = fps
        request.seed = seed
        request.faceIndex = face
        request.visibleLabel = !noLabel
        request.timelinePath = timeline
        if let crop {
            request.framing = .crop(size: crop)
        } else {
            request.framing = .photo(maxLongSide: maxSize, maxShortSide: min(maxSize, 1080 * maxSize / 1920))
        }
        let bar = ProgressBar(enabled: !quiet && isatty(2) == 1, label: "Rendering")
        let engine = Engine()
        do {
            let result = try await engine.render(request) { bar.update($0) }
            bar.finish()
            if !quiet {
                let speed = result.duration / max(result.seconds.total, 1e-9)
                print("""
                    Wrote \(result.outputPath): \(result.width)×\(result.height), \(String(format: "%.2f", result.duration)) s, \
                    \(result.frames) frames in \(String(format: "%.1f", result.seconds.total)) s (\(String(format: "%.1f", speed))× real time).
                    """)
            }
            if report { try writeReport(for: result, engine: engine) }
        } catch {
            bar.finish()
            throw fail(error)
        }
    }

    /// Runs qa on the finished video with the same engine (the models are loaded once).
    private func writeReport(for result: RenderResult, engine: Engine) throws {
        let base = (result.outputPath as NSString).deletingPathExtension
        var request = QualityRequest(videoPath: result.outputPath, sourcePath: photo)
        request.timeline = result.timeline
        request.scheduledBlinks = result.blinks
        request.contactSheet = true
        let quality = try measureQuality(request, engine: engine, json: base + ".qa.json", chart: base + ".qa.png",
                                         sheet: base + ".sheet.png", quiet: quiet)
        if !quiet {
            print(quality.report.table())
            print("Quality report: \(base).qa.json, chart: \(base).qa.png, contact sheet: \(base).sheet.png")
        }
    }
}
