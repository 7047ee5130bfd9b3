import FacecastCore
import FacecastEngine
import FacecastTesting
import Foundation
import MediaFFmpeg
import Testing

/// Captions from a real render: files beside the video, cues inside the audio, the script's own words, and
/// burned-in text that really changes the picture where captions are shown and nowhere else.
@Suite(.serialized) struct CaptionEndToEndTests {
    static let engine = Engine()

    func render(_ text: String, voice: String = "en-us", burn: Bool, in dir: URL, name: String) async throws -> RenderResult {
        var request = RenderRequest(photoPath: try Fixtures.path("astronaut.png"), text: text,
                                    outputPath: dir.appendingPathComponent("\(name).mp4").path)
        request.voice = voice
        request.framing = .crop(size: 256)
        request.captions = [.srt, .vtt]
        request.burnCaptions = burn
        return try await Self.engine.render(request)
    }

    /// (start, end, text) of each cue in an SRT document.
    static func parseSRT(_ text: String) -> [(Double, Double, String)] {
        func seconds(_ s: Substring) -> Double {
            let p = s.replacingOccurrences(of: ",", with: ".").split(separator: ":").compactMap { Double($0) }
            return p[0] * 3600 + p[1] * 60 + p[2]
        }
        return text.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n")
            guard lines.count >= 3 else { return nil }
            let times = lines[1].components(separatedBy: " --> ")
            return (seconds(Substring(times[0])), seconds(Substring(times[1])), lines[2...].joined(separator: "\n"))
        }
    }

    @Test func captionFilesCarryTheScriptInTimeWithTheAudio() async throws {
        let dir = try Fixtures.temporaryDirectory()
        let text = "Good morning, everyone! Today we're looking at twenty-two new ideas. Ready?"
        let result = try await render(text, burn: false, in: dir, name: "talk")
        #expect(result.captionPaths.map { ($0 as NSString).lastPathComponent } == ["talk.srt", "talk.vtt"])
        let srt = try String(contentsOfFile: dir.appendingPathComponent("talk.srt").path, encoding: .utf8)
        let vtt = try String(contentsOfFile: dir.appendingPathComponent("talk.vtt").path, encoding: .utf8)
        #expect(vtt.hasPrefix("WEBVTT\n"))
        let cues = Self.parseSRT(srt)
        #expect(cues.map(\.2).joined(separator: " ").replacingOccurrences(of: "\n", with: " ") == text)
        #expect(cues.count == 3, "one cue per sentence: \(cues.map(\.2))")
        for (i, cue) in cues.enumerated() {
            #expect(cue.0 < cue.1 && cue.1 <= result.duration + 0.001)
            if i > 0 { #expect(cue.0 >= cues[i - 1].1) }
        }
        // Each cue starts within 50 ms of its first word's sound in the timeline.
        let words = result.timeline.words
        #expect(abs(cues[1].0 - (words.first { $0.text == "Today" }?.start ?? -1)) < 0.05)
        // No leftovers from the atomic writes.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!names.contains { $0.hasSuffix(".partial") })
    }

    @Test func nonLatinScriptsRoundTripInTheCaptions() async throws {
        let dir = try Fixtures.temporaryDirectory()
        for (voice, text) in [("cmn", "你好，世界。今天天气很好。"), ("ar", "مرحبا بالعالم. كيف حالك اليوم؟"),
                              ("hi", "नमस्ते दुनिया। आज मौसम अच्छा है।")] {
            let result = try await render(text, voice: voice, burn: false, in: dir, name: voice)
            let vtt = try String(contentsOfFile: result.captionPaths[1], encoding: .utf8)
            let shown = vtt.components(separatedBy: "\n\n").dropFirst()
                .map { $0.split(separator: "\n").dropFirst().joined() }.joined()
            let expected = text.filter { !$0.isWhitespace }
            #expect(shown.filter { !$0.isWhitespace } == expected, "\(voice): \(shown)")
        }
    }

    @Test func burnedInCaptionsDrawTextOnlyWhileACueIsShown() async throws {
        let dir = try Fixtures.temporaryDirectory()
        let text = "Hello there. This sentence is burned into the picture."
        let plain = try await render(text, burn: false, in: dir, name: "plain")
        let burned = try await render(text, burn: true, in: dir, name: "burned")
        let cues = Self.parseSRT(try String(contentsOfFile: burned.captionPaths[0], encoding: .utf8))
        let a = try VideoFrameReader(path: plain.outputPath, width: 256, height: 256)
        let b = try VideoFrameReader(path: burned.outputPath, width: 256, height: 256)
        var shownDiff: [Double] = [], hiddenDiff: [Double] = []
        var index = 0
        while let fa = try a.next(), let fb = try b.next() {
            let t = (Double(index) + 0.5) / 25
            // Share of lower-third pixels that changed by more than compression noise does (white text on the photo).
            var changed = 0, n = 0
            for y in (2 * 256 / 3)..<256 { for x in 0..<256 {
                let i = (y * 256 + x) * 3
                let d = (0..<3).map { abs(Int(fa.pixels[i + $0]) - Int(fb.pixels[i + $0])) }.max()!
                if d > 48 { changed += 1 }
                n += 1
            } }
            let diff = 100 * Double(changed) / Double(n)
            let inCue = cues.contains { t > $0.0 + 0.04 && t < $0.1 - 0.04 }
            let outside = !cues.contains { t > $0.0 - 0.08 && t < $0.1 + 0.08 }
            if inCue { shownDiff.append(diff) } else if outside { hiddenDiff.append(diff) }
            index += 1
        }
        #expect(!shownDiff.isEmpty && !hiddenDiff.isEmpty)
        #expect(shownDiff.min()! > 0.4, "text visible in every captioned frame: \(shownDiff.min()!) % of pixels")
        #expect(hiddenDiff.max()! < 0.1, "no text outside the cues: \(hiddenDiff.max()!) % of pixels")
    }
}
