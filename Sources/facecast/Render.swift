import ArgumentParser
import FacecastCore
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
              facecast render portrait.jpg --script en:hello.txt --script es:hola.txt --script de:hallo.txt -o videos/
              facecast render portrait.jpg --captions both --burn-captions -o talk.mp4 \\
                --text '<speak>Welcome! <break time="600ms"/> This is <emphasis>really</emphasis> \\
                <prosody rate="slow" volume="-6dB">important</prosody>.</speak>'

            Markup mistakes are reported with their line and column. Captions (--captions srt|vtt|both) are \
            written beside the video from the word timings.

            The output is an MP4 (H.264 + AAC, yuv420p, fast start) at 25 fps, the size of the photo \
            (scaled down to at most 1920×1080), or a square head crop with --crop. The same --seed \
            gives the same blinks and head motion.
            """
    )

    @Argument(help: "The portrait photo (JPEG, PNG or WebP).")
    var photo: String

    @Option(name: .long, help: "The words to speak: plain text, or SSML (<speak>, <break time=\"500ms\"/>, <emphasis>, <prosody rate pitch volume>, <say-as interpret-as=\"characters|cardinal|date\">, <s>, <p>, <sub alias>).")
    var text: String?

    @Option(name: .customLong("text-file"), help: "Read the words to speak from a UTF-8 text file.")
    var textFile: String?

    @Option(name: .customLong("script"), help: ArgumentHelp(
        "Render one video per language from the same photo: LANG:FILE, repeatable (e.g. --script en:hello.txt --script es:hola.txt). -o is then a folder; each video gets NAME.LANG.mp4 and its captions.",
        valueName: "lang:file"))
    var scripts: [String] = []

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

    @Option(name: .long, help: "Loudness of the voice in percent (10–400; 100 = as the voice speaks).")
    var volume: Double?

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

    @Option(name: .long, help: ArgumentHelp("Write captions beside the video from the word timings: srt, vtt or both (NAME.srt / NAME.vtt).", valueName: "srt|vtt|both"))
    var captions: String?

    @Flag(name: .customLong("burn-captions"), help: "Also draw the captions into the picture (bottom centre).")
    var burnCaptions = false

    @Flag(name: .long, help: "Measure the finished video with `facecast qa` and write NAME.qa.json, the chart NAME.qa.png and the contact sheet NAME.sheet.png beside it.")
    var report = false

    @Flag(name: .customLong("no-label"), help: "Leave out the visible \"AI-GENERATED\" label (the file metadata still says it is AI-generated, and that you turned the label off).")
    var noLabel = false

    @Flag(name: [.short, .long], help: "No progress output.")
    var quiet = false

    func validate() throws {
        if audio != nil {
            if text != nil || textFile != nil || !scripts.isEmpty {
                throw ValidationError("With --audio the recording is the speech: give its words with --transcript or --transcript-file, not --text or --script.")
            }
            if transcript != nil && transcriptFile != nil { throw ValidationError("Use either --transcript or --transcript-file, not both.") }
        } else if transcript != nil || transcriptFile != nil || allowLong {
            throw ValidationError("--transcript, --transcript-file and --allow-long go with --audio RECORDING.")
        }
        let sources = [text != nil, textFile != nil, !scripts.isEmpty, audio != nil].filter { $0 }.count
        if sources == 0 {
            throw ValidationError("Give the script with --text \"…\", --text-file FILE or --script LANG:FILE, or a recording with --audio FILE.")
        }
        if sources > 1 { throw ValidationError("Use one of --text, --text-file or --script.") }
        for s in scripts {
            guard let colon = s.firstIndex(of: ":"), colon != s.startIndex, s.index(after: colon) != s.endIndex else {
                throw ValidationError("--script takes LANG:FILE, e.g. --script es:hola.txt (got \"\(s)\").")
            }
        }
        if Set(scripts.map { $0.prefix { $0 != ":" } }).count != scripts.count {
            throw ValidationError("Each --script language may appear once.")
        }
        if !scripts.isEmpty && timeline != nil { throw ValidationError("--timeline works with a single script; leave it out with --script.") }
        if !scripts.isEmpty && (voice != nil || language != nil) {
            throw ValidationError("With --script each language picks its own default voice; leave out --voice and --language.")
        }
        if !(10...60).contains(fps) { throw ValidationError("--fps must be between 10 and 60.") }
        if let rate, !(80...450).contains(rate) { throw ValidationError("--rate must be between 80 and 450 words per minute.") }
        if let volume, !(10...400).contains(volume) { throw ValidationError("--volume must be between 10 and 400 percent.") }
        if let pitch, !(0...100).contains(pitch) { throw ValidationError("--pitch must be between 0 and 100.") }
        if let crop, !(64...2048).contains(crop) { throw ValidationError("--crop must be between 64 and 2048 pixels.") }
        if let captions, Self.captionFormats(captions) == nil {
            throw ValidationError("--captions must be srt, vtt or both (got \"\(captions)\").")
        }
        if !(128...4096).contains(maxSize) { throw ValidationError("--max-size must be between 128 and 4096.") }
    }

    func run() async throws {
        if !scripts.isEmpty { return try await runLanguages() }
        let script: String
        if let text {
            script = text
        } else if let textFile {
            script = try readScript(textFile)
        } else {
            script = ""
        }
        let request = try makeRequest(text: script, voice: voice, language: language, output: output)
        let engine = Engine()
        do {
            try await render(request, engine: engine)
        } catch {
            throw fail(error)
        }
    }

    /// One video per --script language, from one engine so the photo is analysed once.
    private func runLanguages() async throws {
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw fail(FacecastError(.output, "Cannot create the output folder \(folder.path): \(error.localizedDescription)"))
        }
        let stem = ((photo as NSString).lastPathComponent as NSString).deletingPathExtension
        let engine = Engine()
        for entry in scripts {
            let language = String(entry.prefix { $0 != ":" })
            let file = String(entry.drop { $0 != ":" }.dropFirst())
            var request = try makeRequest(text: try readScript(file), voice: nil, language: language,
                                          output: folder.appendingPathComponent("\(stem).\(language).mp4").path)
            if captions == nil { request.captions = [.srt, .vtt] }
            do {
                try await render(request, engine: engine)
            } catch {
                throw fail(error)
            }
        }
    }

    private func readScript(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail(FacecastError(.input, "Cannot read the script file \(path). Check the path."))
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func makeRequest(text script: String, voice: String?, language: String?, output: String) throws -> RenderRequest {
        var request = RenderRequest(photoPath: photo, text: script, outputPath: output)
        if let audio {
            request.audioPath = audio
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
        if let volume { request.volumeDecibels = 20 * log10(volume / 100) }
        request.fps = fps
        request.seed = seed
        request.faceIndex = face
        request.visibleLabel = !noLabel
        request.timelinePath = timeline
        request.captions = captions.flatMap(Self.captionFormats) ?? []
        request.burnCaptions = burnCaptions
        if let crop {
            request.framing = .crop(size: crop)
        } else {
            request.framing = .photo(maxLongSide: maxSize, maxShortSide: min(maxSize, 1080 * maxSize / 1920))
        }
        return request
    }

    private func render(_ request: RenderRequest, engine: Engine) async throws {
        let bar = ProgressBar(enabled: !quiet && isatty(2) == 1, label: "Rendering")
        do {
            let result = try await engine.render(request) { bar.update($0) }
            bar.finish()
            if !quiet {
                let speed = result.duration / max(result.seconds.total, 1e-9)
                print("""
                    Wrote \(result.outputPath): \(result.width)×\(result.height), \(String(format: "%.2f", result.duration)) s, \
                    \(result.frames) frames in \(String(format: "%.1f", result.seconds.total)) s (\(String(format: "%.1f", speed))× real time).
                    """)
                for path in result.captionPaths { print("Wrote \(path)") }
            }
            if report { try writeReport(for: result, engine: engine) }
        } catch {
            bar.finish()
            throw error
        }
    }

    static func captionFormats(_ value: String) -> Set<CaptionFormat>? {
        switch value.lowercased() {
        case "both": return [.srt, .vtt]
        case "srt", "vtt": return [CaptionFormat(rawValue: value.lowercased())!]
        default: return nil
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
