import FacecastCore
import Foundation
import Testing

@Suite struct StreamingSpeechTests {
    /// Speech-like test audio: bursts of a tone with silences, at an awkward sample rate.
    static func audio(rate: Int, seconds: Double) -> [Float] {
        (0..<Int(seconds * Double(rate))).map { i in
            let t = Double(i) / Double(rate)
            let envelope = max(0, sin(2 * .pi * 1.3 * t)) * (t.truncatingRemainder(dividingBy: 2) < 1.6 ? 1 : 0.01)
            return Float(0.6 * envelope * sin(2 * .pi * 210 * t))
        }
    }

    @Test(arguments: [22_050, 16_000, 44_100])
    func meterFedInPiecesMatchesTheWholeSignalEnvelope(rate: Int) {
        let samples = Self.audio(rate: rate, seconds: 6.3)
        let whole = LoudnessEnvelope(samples: samples, sampleRate: rate)
        var meter = LoudnessMeter(sampleRate: rate)
        var i = 0, size = 997
        while i < samples.count {
            meter.append(Array(samples[i..<min(samples.count, i + size)]))
            i += size
            size = size * 7 % 5003 + 1  // uneven pieces
        }
        let streamed = meter.envelope()
        #expect(streamed.values.count == whole.values.count)
        let worst = zip(streamed.values, whole.values).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 0.02, "largest difference \(worst)")
        #expect(abs(meter.duration - 6.3) < 1e-3)
    }

    @Test func chunksKeepWholeSentencesAndEveryCharacter() {
        let sentence = "This is sentence number one, which is of a moderate length. "
        let text = String(repeating: sentence, count: 40) + "你好。世界！Last words"
        let chunks = SentenceChunker.chunks(text, target: 300, limit: 800)
        #expect(chunks.count > 5)
        for c in chunks.dropLast() {
            #expect(c.count <= 300 + sentence.count)
            #expect(c.hasSuffix(".") || c.hasSuffix("。") || c.hasSuffix("！"), "\(c.suffix(20))")
        }
        #expect(chunks.joined().filter { !$0.isWhitespace } == text.filter { !$0.isWhitespace })
    }

    @Test func aSentenceWithoutStopsIsCutAtClausesThenSpaces() {
        let long = (0..<300).map { "word\($0)" + ($0 % 40 == 39 ? "," : "") }.joined(separator: " ")
        let chunks = SentenceChunker.chunks(long, target: 200, limit: 500)
        #expect(chunks.allSatisfy { $0.count <= 500 })
        #expect(chunks.dropLast().allSatisfy { $0.hasSuffix(",") || $0.hasSuffix(" ") })
        #expect(chunks.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == "," }).count == 300)
    }

    @Test func piecesOfPunctuationAloneAreDropped() {
        #expect(SentenceChunker.chunks("Hello. ... !!! Bye.") == ["Hello. ... !!! Bye."])
        #expect(SentenceChunker.chunks("  ?! ") == [])
    }
}
