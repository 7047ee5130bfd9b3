import FacecastCore
import FacecastEngine
import FacecastTesting
import Foundation
import MediaFFmpeg
import Testing

/// SSML in a real render: what the markup asks for is in the audio and the timeline.
@Suite(.serialized) struct MarkupEndToEndTests {
    static let engine = Engine()

    func render(_ text: String) async throws -> (RenderResult, [Float]) {
        let dir = try Fixtures.temporaryDirectory()
        var request = RenderRequest(photoPath: try Fixtures.path("astronaut.png"), text: text,
                                    outputPath: dir.appendingPathComponent("out.mp4").path)
        request.framing = .crop(size: 128)
        let result = try await Self.engine.render(request)
        return (result, try AudioDecoder.decodeMono(path: result.outputPath, sampleRate: 16_000))
    }

    static func rms(_ s: [Float], _ from: Double, _ to: Double) -> Double {
        let a = max(0, Int(from * 16_000)), b = min(s.count, Int(to * 16_000))
        guard b > a else { return 0 }
        return (s[a..<b].reduce(0) { $0 + Double($1 * $1) } / Double(b - a)).squareRoot()
    }

    @Test func breakProsodyAndEmphasisReachTheAudioAndTheTimeline() async throws {
        let (result, audio) = try await render("""
            <speak><s>Good morning to you all.</s> <break time="1500ms"/>
            <prosody volume="-14dB">Good morning to you all.</prosody>
            <prosody rate="x-slow">Good morning to you all.</prosody>
            That is <emphasis level="strong">wonderful</emphasis>.</speak>
            """)
        let words = result.timeline.words
        let mornings = words.enumerated().filter { $0.element.text == "morning" }.map(\.offset)
        #expect(mornings.count == 3)
        // The break: a silence of at least 1.5 s between the first sentence and the second.
        let gap = words[mornings[1] - 1].start - words[mornings[0] + 3].end
        #expect(gap >= 1.5 && gap < 2.2, "gap \(gap) s")
        let quiet = Self.rms(audio, words[mornings[1] - 1].start, words[mornings[1] + 3].end)
        let normal = Self.rms(audio, words[mornings[0] - 1].start, words[mornings[0] + 3].end)
        #expect(quiet < normal * 0.3, "-14 dB is a fifth of the amplitude: \(quiet) vs \(normal)")
        let span = { (i: Int) in words[i + 3].end - words[i - 1].start }
        #expect(span(mornings[2]) > 1.25 * span(mornings[0]), "x-slow: \(span(mornings[2])) s vs \(span(mornings[0])) s")
        #expect(words.filter(\.emphasized).map(\.text) == ["wonderful"])
    }
}
