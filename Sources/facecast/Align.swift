import ArgumentParser
import FacecastCore
import FacecastEngine
import Foundation

struct Align: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Align a transcript to a recording and measure the phone/word boundaries against human labels.",
        discussion: """
            Examples:
              facecast align --audio speech.wav --transcript "Mary rolled the barrel." --labels mary.TextGrid
              facecast align --corpus scripts/alignment-corpus.tsv --fixtures .cache/fixtures/audio

            Labels: a Praat TextGrid (a tier named phone…/word…) or an HTS full-context .lab (CMU ARCTIC). \
            Phones are compared on the ARPAbet set after matching the two phone sequences; see README.
            """
    )

    @Option(name: .long, help: "The recording (any format ffmpeg reads).")
    var audio: String?

    @Option(name: .long, help: "What the recording says.")
    var transcript: String?

    @Option(name: .long, help: "Phone labels of the recording (TextGrid or HTS .lab).")
    var labels: String?

    @Option(name: .customLong("word-labels"), help: "Word labels, if not in the phone label file.")
    var wordLabels: String?

    @Option(name: .long, help: "Rows of AUDIO, PHONE-LABELS, WORD-LABELS (or -), SPEAKER, TRANSCRIPT (tab-separated, header line first).")
    var corpus: String?

    @Option(name: .long, help: "Folder holding the corpus' audio and label files.")
    var fixtures: String = ".cache/fixtures/audio"

    @Option(name: .long, help: "espeak-ng language of the transcript.")
    var language: String = "en-us"

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        if corpus == nil && (audio == nil || transcript == nil || labels == nil) {
            throw ValidationError("Give --audio, --transcript and --labels, or --corpus FILE.")
        }
    }

    func run() async throws {
        let engine = Engine()
        do {
            let files: [AlignmentAccuracy]
            let overall: AlignmentScore
            if let corpus {
                (files, overall) = try engine.alignmentAccuracy(corpus: try AlignmentCorpus(tsv: corpus, directory: fixtures), language: language)
            } else {
                let one = try engine.alignmentAccuracy(audioPath: audio!, transcript: transcript!, phoneLabels: labels!,
                                                       wordLabels: wordLabels, aligner: TranscriptAligner(language: language))
                files = [one]
                overall = one.score
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                struct Out: Encodable { var files: [AlignmentAccuracy]; var phoneMedianMs, phoneP90Ms: Double; var wordMedianMs: Double? }
                let out = Out(files: files, phoneMedianMs: overall.phoneMedian * 1000, phoneP90Ms: overall.phoneP90 * 1000,
                              wordMedianMs: overall.wordErrors.isEmpty ? nil : overall.wordMedian * 1000)
                print(String(decoding: try encoder.encode(out), as: UTF8.self))
                return
            }
            print("| recording | voice, rate | confidence | phone median | phone p90 | boundaries | word median (n) |")
            print("|---|---|---|---|---|---|---|")
            func ms(_ v: Double) -> String { v.isNaN ? "–" : String(format: "%.1f ms", v) }
            for f in files {
                print("| \((f.audio as NSString).lastPathComponent) | \(f.voice), \(f.rate) wpm | \(String(format: "%.2f", f.confidence)) | \(ms(f.phoneMedianMs)) | \(ms(f.phoneP90Ms)) | \(f.phoneBoundariesScored)/\(f.phoneBoundariesTotal), bias \(ms(f.score.phoneBias * 1000)) | \(ms(f.wordMedianMs ?? .nan)) (\(f.wordBoundaries)) |")
            }
            if files.count > 1 {
                print("| all | | | \(ms(overall.phoneMedian * 1000)) | \(ms(overall.phoneP90 * 1000)) | \(overall.phoneBoundariesScored)/\(overall.phoneBoundariesTotal) | \(ms(overall.wordMedian * 1000)) (\(overall.wordErrors.count)) |")
            }
        } catch {
            throw fail(error)
        }
    }
}
