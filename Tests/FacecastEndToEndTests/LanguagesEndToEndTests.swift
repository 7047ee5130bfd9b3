import FacecastCore
import FacecastEngine
import FacecastTesting
import Foundation
import MediaFFmpeg
import Testing

/// One photo, seven languages, one CLI run: every video has its language's sounds and its captions round-trip
/// the script, whatever the writing system.
@Suite(.serialized) struct LanguagesEndToEndTests {
    /// Script, and IPA symbols only that language's voice produces here (checked in its timeline).
    static let scripts: [(lang: String, text: String, marks: Set<String>)] = [
        ("en", "The weather is lovely this morning.", ["ð", "ɹ"]),
        ("es", "El perro corre por la sierra.", ["r"]),
        ("de", "Ich möchte noch ein Brötchen, bitte.", ["ç", "ø"]),
        ("fr", "Un bon vin blanc, s'il vous plaît.", ["ɑ̃", "ɔ̃", "ɛ̃", "œ̃"]),
        ("hi", "नमस्ते, आज मौसम बहुत अच्छा है।", ["ʰ", "ɦ", "ə"]),
        ("cmn", "你好，今天天气很好。", ["tɕ", "ɕ", "χ"]),
        ("ar", "صباح الخير، كيف حالك اليوم؟", ["ħ", "ʕ", "ˤ", "χ"]),
    ]

    @Test func sevenLanguagesFromOnePhotoInOneRun() throws {
        let dir = try Fixtures.temporaryDirectory()
        var args = ["render", try Fixtures.path("astronaut.png"), "--crop", "96", "-o", dir.appendingPathComponent("videos").path, "--quiet"]
        for s in Self.scripts {
            let file = dir.appendingPathComponent("script_\(s.lang).txt")
            try Data(s.text.utf8).write(to: file)
            args += ["--script", "\(s.lang):\(file.path)"]
        }
        let run = try Fixtures.runCLI(args)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        for s in Self.scripts {
            let base = dir.appendingPathComponent("videos/astronaut.\(s.lang)")
            let probe = try MediaProbe.probe(base.appendingPathExtension("mp4").path)
            #expect(probe.audio?.codec == "aac" && probe.video?.codec == "h264", "\(s.lang)")
            // Captions: the script's characters, in order, in both formats.
            for ext in ["srt", "vtt"] {
                let doc = try String(contentsOf: base.appendingPathExtension(ext), encoding: .utf8)
                let lines = doc.split(separator: "\n").filter { !$0.contains("-->") && !$0.allSatisfy(\.isNumber) && $0 != "WEBVTT" }
                #expect(lines.joined().filter { !$0.isWhitespace } == s.text.filter { !$0.isWhitespace }, "\(s.lang).\(ext): \(lines)")
            }
        }
    }

    @Test func eachLanguageSpeaksItsOwnSounds() async throws {
        let engine = Engine()
        for s in Self.scripts {
            let dir = try Fixtures.temporaryDirectory()
            var request = RenderRequest(photoPath: try Fixtures.path("astronaut.png"), text: s.text,
                                        outputPath: dir.appendingPathComponent("v.mp4").path)
            request.voice = s.lang
            request.framing = .crop(size: 64)
            let joined = try await engine.render(request).timeline.phones.map(\.phone).joined(separator: " ")
            #expect(s.marks.contains { joined.contains($0) }, "\(s.lang) phones: \(joined)")
            // Sounds foreign to English never come out of the English voice (Mandarin read as English did).
            if s.lang == "en" { #expect(!["tɕ", "χ", "ʕ", "ħ", "ç"].contains { joined.contains($0) }, "en phones: \(joined)") }
            if s.lang == "cmn" { #expect(!joined.contains("θ") && !joined.contains("ɹ"), "cmn phones: \(joined)") }
        }
    }
}
