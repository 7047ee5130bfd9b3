import ArgumentParser
import FacecastEngine
import Foundation

struct Voices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the voices and languages that can speak.",
        discussion: """
            Pass an ID from this list to `facecast render --voice`, or a language to `--language` (its default voice: \
            the neural voice for English, espeak-ng for the others). ENGINE is "neural" (natural, English) or "formant" \
            (espeak-ng: robotic but intelligible, over a hundred languages).
            """
    )

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @Option(name: .long, help: "Only the voices that speak this language (e.g. en, de, cmn).")
    var language: String?

    func run() async throws {
        do {
            var voices = try Engine().availableVoices()
            if let language {
                let tag = language.lowercased().replacingOccurrences(of: "_", with: "-")
                voices = voices.filter { v in v.languages.contains { $0 == tag || $0.hasPrefix(tag + "-") } }
                if voices.isEmpty {
                    throw FacecastError(.speech, "No voice speaks \"\(language)\". Run `facecast voices` to list the languages.")
                }
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(voices), as: UTF8.self))
                return
            }
            func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count + 1), withPad: " ", startingAt: 0) }
            print(pad("ID", 28) + pad("LANGUAGE", 16) + pad("GENDER", 9) + pad("ENGINE", 9) + "NAME")
            for v in voices {
                print(pad(v.id, 28) + pad(v.language, 16) + pad(v.gender, 9) + pad(v.engine.rawValue, 9) + v.name)
            }
            print("\(voices.count) voices.")
        } catch {
            throw fail(error)
        }
    }
}
