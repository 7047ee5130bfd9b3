import FacecastCore
import FacecastEngine
import FacecastTesting
import Foundation
import MediaFFmpeg
import Testing

/// Round trip through a real speech recogniser (Debian pocketsphinx, US English model): the neural voice must be
/// understood with a word error rate of at most 15 % over varied sentences. espeak-ng's en-us voice is measured on
/// the same sentences for comparison (reported; the neural voice must do better).
@Suite struct IntelligibilityTests {
    /// 24 sentences: statements, questions, exclamations, lists, names, short and long, common words (the
    /// recogniser's language model is general English).
    static let sentences = [
        "Hello world, this is a test of the talking photo system.",
        "Please call me back when you get home tonight.",
        "The weather will be sunny and warm for the rest of the week.",
        "Do you want to go to the movies with us on Friday?",
        "I have never seen such a beautiful garden in my whole life!",
        "She bought three apples, two oranges and a loaf of bread.",
        "Our company was founded in a small garage by two friends.",
        "Where did you put the keys to the car?",
        "The children played in the park until it started to rain.",
        "Thank you very much for your help with the project.",
        "He said that the meeting would start at nine in the morning.",
        "Music can change the way we feel about the world around us.",
        "Could you please turn off the lights before you leave?",
        "The train to the city leaves every thirty minutes.",
        "We need to finish this report before the end of the day.",
        "My brother likes to cook dinner for the whole family.",
        "What time does the museum open on Sunday?",
        "A good night of sleep is important for your health.",
        "The doctor told him to drink more water and rest.",
        "They built a new bridge across the river last year.",
        "Reading books is one of the best ways to learn new words.",
        "Welcome to the show, today we talk about space and the people who travel there.",
        "The price of food has gone up again this month.",
        "I think we should take a short break and have some coffee.",
    ]

    static func wordErrorRate(voice: String, engine: Engine) throws -> (WordErrorRate, [(String, String)]) {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        for (i, sentence) in sentences.enumerated() {
            let speech = try engine.speak(sentence, voice: voice)
            let raw = dir.appendingPathComponent("raw\(i).wav").path
            try Data(WAVFile.encode(samples: speech.samples, sampleRate: speech.sampleRate)).write(to: URL(fileURLWithPath: raw))
            let at16k = try AudioDecoder.decodeMono(path: raw, sampleRate: 16_000)
            let file = dir.appendingPathComponent("s\(i).wav").path
            try Data(WAVFile.encode(samples: at16k, sampleRate: 16_000)).write(to: URL(fileURLWithPath: file))
            files.append(file)
        }
        let heard = try PocketSphinx.transcribe(wavFiles: files)
        var total = WordErrorRate(errors: 0, referenceWords: 0)
        var pairs: [(String, String)] = []
        for (sentence, hypothesis) in zip(sentences, heard) {
            total = total + WordErrorRate(reference: sentence, hypothesis: hypothesis)
            pairs.append((sentence, hypothesis))
        }
        return (total, pairs)
    }

    static func report(_ label: String, _ wer: WordErrorRate, _ pairs: [(String, String)]) {
        print(String(format: "WER %@: %.1f %% (%d errors / %d words, %d sentences)", label, 100 * wer.rate, wer.errors,
                     wer.referenceWords, pairs.count))
        for (said, heard) in pairs where WordErrorRate(reference: said, hypothesis: heard).errors > 0 {
            print("  said:  \(said)\n  heard: \(heard)")
        }
    }

    /// Both voices are transcribed at once (one recogniser process each, about 40 s of CPU apiece).
    @Test func neuralVoiceIsUnderstoodByARecogniser() async throws {
        let engine = Engine()
        async let neural = Task.detached { try Self.wordErrorRate(voice: "neural:joe", engine: engine) }.value
        async let espeak = Task.detached { try Self.wordErrorRate(voice: "espeak:en-us", engine: engine) }.value
        let (neuralWER, neuralPairs) = try await neural
        let (espeakWER, espeakPairs) = try await espeak
        Self.report("neural:joe", neuralWER, neuralPairs)
        Self.report("espeak:en-us", espeakWER, espeakPairs)
        #expect(neuralWER.referenceWords >= 200)
        #expect(neuralWER.rate <= 0.15, "neural voice WER \(neuralWER.rate)")
        #expect(neuralWER.rate < espeakWER.rate, "the neural voice is the more intelligible one")
    }
}
