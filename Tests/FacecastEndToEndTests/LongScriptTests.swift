import FacecastCore
import FacecastTesting
import Foundation
import MediaFFmpeg
import Testing
@testable import FacecastEngine

/// Long scripts are spoken sentence by sentence into a file and rendered with memory that does not grow with
/// the audio: a 10-minute video through the real CLI, and a 100,000-character script through the speech stage.
@Suite(.serialized) struct LongScriptTests {
    /// Plain English prose of about `characters` characters, the same every run.
    static func prose(characters: Int, seed: UInt64) -> String {
        let words = ("the a morning river people city small garden letter quiet window evening station music "
            + "friend winter table story market bridge island kitchen teacher yellow careful simple open bright "
            + "walked found wrote carried remembered listened opened painted visited").split(separator: " ")
        var rng = SeededRandom(seed: seed)
        var out = ""
        while out.count < characters {
            let n = 6 + Int(rng.unit() * 10)
            var sentence = (0..<n).map { _ in String(words[Int(rng.unit() * Double(words.count))]) }.joined(separator: " ")
            sentence = sentence.prefix(1).uppercased() + sentence.dropFirst() + (rng.unit() < 0.8 ? ". " : "? ")
            out += sentence
        }
        return out
    }

    @Test func tenMinuteVideoRendersWithBoundedMemory() throws {
        let dir = try Fixtures.temporaryDirectory()
        let script = dir.appendingPathComponent("long.txt")
        try Data(Self.prose(characters: 10_500, seed: 10).utf8).write(to: script)
        let out = dir.appendingPathComponent("long.mp4")
        let run = try Fixtures.runCLI(["-f", "%M", Fixtures.executable, "render", try Fixtures.path("astronaut.png"),
                                       "--text-file", script.path, "--voice", "espeak:en-us", "--crop", "64", "--fps", "10", "-o", out.path, "-q"],
                                      executable: "/usr/bin/time")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let peakKiB = Int(run.stderr.split(separator: "\n").last.map(String.init) ?? "") ?? .max
        let probe = try MediaProbe.probe(out.path)
        let duration = try #require(probe.audio?.duration)
        #expect(duration > 540, "a 10-minute script: \(duration) s")
        #expect(abs((probe.video?.duration ?? 0) - duration) < 0.15)
        #expect(peakKiB < 400 * 1024, "peak memory \(peakKiB / 1024) MiB for \(Int(duration)) s of video")
        print("long script: \(Int(duration)) s of video, peak RSS \(peakKiB / 1024) MiB")
    }

    @Test func hundredThousandCharactersAreSpokenPieceByPiece() throws {
        let text = Self.prose(characters: 100_000, seed: 100)
        let dir = try Fixtures.temporaryDirectory()
        var request = RenderRequest(photoPath: "-", text: text, outputPath: dir.appendingPathComponent("x.mp4").path)
        request.voice = "espeak:en-us"  // the neural voice would take ~10 minutes for 99 minutes of speech
        let track = try Engine().speechTrack(for: request, writingTo: dir.appendingPathComponent("speech.wav"))
        // It was spoken in pieces of a few hundred characters (each well under a minute of audio in memory).
        let chunks = SentenceChunker.chunks(text)
        #expect(chunks.count >= 150 && chunks.allSatisfy { $0.count <= 1500 })
        #expect(track.timeline.duration > 80 * 60, "\(track.timeline.duration) s")
        let bytes = try FileManager.default.attributesOfItem(atPath: track.audio.path)[.size] as? Int ?? 0
        #expect(bytes == 44 + 2 * Int((track.timeline.duration * 22_050).rounded()), "espeak-ng speaks at 22050 Hz")
        #expect(abs(track.loudness.duration - track.timeline.duration) < 0.02)
        // Every word of the script is in the timeline, in order, with times that only move forward.
        let scriptWords = text.split(whereSeparator: { $0 == " " }).count
        #expect(track.timeline.words.count == scriptWords)
        #expect(zip(track.timeline.words, track.timeline.words.dropFirst()).allSatisfy { $0.start <= $1.start })
        #expect(zip(track.timeline.phones, track.timeline.phones.dropFirst()).allSatisfy { $0.end <= $1.start + 1e-9 })
    }
}
