import ArgumentParser
import FacecastEngine
import Foundation

struct QA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qa",
        abstract: "Measure a talking video: identity, lip sync, blinks, background, jitter, duration.",
        discussion: """
            Examples:
              facecast qa hello.mp4 --source portrait.jpg
              facecast render portrait.jpg --text "Hi there." -o hi.mp4 --timeline hi.json
              facecast qa hi.mp4 --source portrait.jpg --timeline hi.json --json hi.qa.json --chart hi.qa.png
              facecast qa hi.mp4 --source portrait.jpg --timeline hi.json --sheet hi.sheet.png

            The video is decoded again by ffmpeg and the face re-detected by dlib in every frame; nothing is \
            taken from the renderer. Metrics and targets:
              identity      dlib 128-D descriptor distance, source face vs ≥ 2 frames/s: mean ≤ 0.25, max ≤ 0.35
              face present  share of frames with a face: 100 %
              AV offset     lag of best cross-correlation of mouth opening vs loudness (±200 ms): within ±40 ms
                            (positive = sound after the mouth)
              sync strength Pearson r at that lag: ≥ 0.5
              bilabials     p/b/m closed (inner-lip gap < 0.06 × eye distance) within ±40 ms: ≥ 95 % (needs --timeline)
              blinks        from the eye aspect ratio: 10–30 per minute, each 100–400 ms
              background    PSNR outside the head, neck and label vs a still encode of the photo: ≤ 1.5 dB worse
              jitter        frame-to-frame landmark motion in silence, px at 512 px: ≤ 0.5
              duration      video vs audio: within one frame
              face detail   no target: the Laplacian's variance in the face box, as a share of a still encode's
            The JSON also lists every frame's mouth opening, eye aspect ratio and yaw (perFrame; null where no face).
            The contact sheet (--sheet) shows the source face and decoded frames, cropped around the face, at the \
            longest open vowel, a p/b/m, an f/v (from the timeline), the deepest measured blink (else a scheduled \
            one, marked not detected) and the widest head turn; moments the script or video lacks are listed, not faked.
            Works on any MP4 with one face, not only Facecast's (the photo is then aligned by its landmarks). \
            The exit code is 0 when the measurement ran, whatever the numbers; with --strict it is 1 when a target is missed.
            """
    )

    @Argument(help: "The video to measure (MP4 or anything ffmpeg reads).")
    var video: String

    @Option(name: .long, help: "The photo the video was made from.")
    var source: String

    @Option(name: .long, help: "The timeline JSON from `facecast render --timeline` (enables the bilabial check).")
    var timeline: String?

    @Option(name: .long, help: "Write the report as JSON here.")
    var json: String?

    @Option(name: .long, help: "Draw mouth opening, loudness, blinks and closures over time into this PNG.")
    var chart: String?

    @Option(name: .long, help: "Write a contact sheet PNG here: the face at a vowel, p/b/m, f/v, a blink and a head turn (use with --timeline).")
    var sheet: String?

    @Flag(name: .long, help: "Exit with code 1 when any measured target is missed.")
    var strict = false

    @Flag(name: [.short, .long], help: "No progress output; still prints the table.")
    var quiet = false

    func run() throws {
        var request = QualityRequest(videoPath: video, sourcePath: source, timelinePath: timeline)
        request.contactSheet = sheet != nil
        let result: QualityResult
        do { result = try measureQuality(request, engine: Engine(), json: json, chart: chart, sheet: sheet, quiet: quiet) } catch {
            throw fail(error)
        }
        print(result.report.table())
        if strict && result.report.checks.contains(where: { $0.pass == false }) { throw ExitCode(1) }
    }
}

/// `qa` and `render --report`: measures with a progress bar on a terminal, writes the requested files and
/// prints the warnings (e.g. a missing model) to standard error.
func measureQuality(_ request: QualityRequest, engine: Engine, json: String?, chart: String?, sheet: String? = nil,
                    quiet: Bool) throws -> QualityResult {
    let bar = ProgressBar(enabled: !quiet && isatty(2) == 1, label: "Measuring")
    let result: QualityResult
    do {
        defer { bar.finish() }
        result = try engine.measureQuality(request) { bar.update($0) }
    }
    try engine.write(result, json: json, chart: chart, sheet: sheet)
    for w in result.warnings { FileHandle.standardError.write(Data("facecast: warning: \(w)\n".utf8)) }
    return result
}
