import FacecastCore
import FacecastEngine
import FacecastTesting
import Foundation
import Testing

/// `facecast voices`, `--voice` and `--language` through the real CLI and engine.
@Suite struct VoiceSelectionTests {
    @Test func voicesListsTheNeuralVoiceAndEveryEspeakVoiceAsJSON() throws {
        let run = try Fixtures.runCLI(["voices", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let voices = try JSONDecoder().decode([VoiceInfo].self, from: Data(run.stdout.utf8))
        let neural = try #require(voices.first { $0.id == "neural:joe" })
        #expect(neural.engine == .neural && neural.language == "en-us" && neural.gender == "male")
        let formant = voices.filter { $0.engine == .formant }
        #expect(formant.count > 100)
        #expect(Set(voices.map(\.id)).count == voices.count, "ids are unique")
        for language in ["en-us", "es", "de", "fr-fr", "hi", "cmn", "ar"] {
            #expect(formant.contains { $0.id == "espeak:" + language }, "espeak:\(language)")
        }
    }

    @Test func voicesTableAndLanguageFilter() throws {
        let run = try Fixtures.runCLI(["voices", "--language", "de"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID") == true && lines.first?.contains("ENGINE") == true)
        #expect(lines.contains { $0.hasPrefix("espeak:de ") && $0.contains("formant") })
        #expect(!run.stdout.contains("neural:joe"))
        let none = try Fixtures.runCLI(["voices", "--language", "tlh"])
        #expect(none.status == 4 && none.stderr.contains("No voice speaks \"tlh\""), "\(none.stderr)")
    }

    @Test func englishIsNeuralByDefaultAndEspeakOnRequest() throws {
        let engine = Engine()
        #expect(try engine.selectVoice(voice: nil, language: nil).id == "neural:joe")
        #expect(try engine.selectVoice(voice: nil, language: "en").id == "neural:joe")
        #expect(try engine.selectVoice(voice: nil, language: "es").id == "espeak:es")
        for (language, voice) in [("fr", "espeak:fr-fr"), ("de", "espeak:de"), ("hi", "espeak:hi"), ("zh", "espeak:cmn"),
                                  ("cmn", "espeak:cmn"), ("ar", "espeak:ar"), ("pt", "espeak:pt")] {
            #expect(try engine.selectVoice(voice: nil, language: language).id == voice, "\(language)")
        }
        #expect(try engine.selectVoice(voice: "espeak:en-us", language: nil).engine == .formant)
        #expect(try engine.selectVoice(voice: "de", language: nil).id == "espeak:de")
        let neural = try engine.speak("Papa made a map.")
        #expect(neural.voice == "neural:joe")
        let espeak = try engine.speak("Papa made a map.", voice: "espeak:en-us")
        #expect(espeak.voice != "neural:joe")
    }

    @Test(arguments: [
        (["--voice", "neural:bob"], "Unknown voice \"neural:bob\""),
        (["--voice", "espeak:xx-nope"], "Unknown voice \"espeak:xx-nope\""),
        (["--language", "xx"], "Unknown language \"xx\""),
        (["--voice", "espeak:de", "--language", "es"], "speaks de, not es"),
        (["--pitch", "70"], "--pitch works with espeak-ng voices only"),
    ])
    func unknownVoicesAndLanguagesFailClearly(arguments: [String], message: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.mp4").path
        let run = try Fixtures.runCLI(["render", try Fixtures.path("astronaut.png"), "--text", "Hello.", "-o", out, "--quiet"] + arguments)
        #expect(run.status == 4, "exit \(run.status): \(run.stderr)")
        #expect(run.stderr.contains(message), "stderr: \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
