import ArgumentParser
import FacecastEngine
import Foundation

struct Voices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the voices and languages that can speak.",
        discussion: "Pass a language or identifier from this list to `facecast render --voice`."
    )

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        do {
            let voices = try Engine().voices()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(voices), as: UTF8.self))
                return
            }
            print("LANGUAGE".padding(toLength: 12, withPad: " ", startingAt: 0) + "IDENTIFIER".padding(toLength: 22, withPad: " ", startingAt: 0)
                + "GENDER".padding(toLength: 9, withPad: " ", startingAt: 0) + "ENGINE    NAME")
            for v in voices {
                print((v.languages.first ?? "").padding(toLength: 12, withPad: " ", startingAt: 0)
                    + v.identifier.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + v.gender.padding(toLength: 9, withPad: " ", startingAt: 0) + "espeak-ng " + v.name)
            }
            print("\(voices.count) voices.")
        } catch {
            throw fail(error)
        }
    }
}
