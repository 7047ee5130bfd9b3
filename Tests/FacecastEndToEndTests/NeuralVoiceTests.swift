import FacecastCore
import FacecastEngine
import FacecastTesting
import Foundation
import MediaFFmpeg
import SpeechEspeak
import SpeechNeural
import Testing

@Suite struct NeuralVoiceTests {
    @Test func espeakPhonemesKeepTheClausePunctuation() throws {
        let clauses = try EspeakSynthesizer.shared.phonemes(for: "Hello, world! Is this the talking photo? Yes: it is.", voice: "en-us")
        #expect(clauses.map(\.punctuation) == [",", "!", "?", ":", "."])
        #expect(clauses.allSatisfy { !$0.ipa.isEmpty })
        #expect(clauses[0].ipa.contains("h") && clauses[0].ipa.contains("ˈ"), "IPA with stress: \(clauses[0].ipa)")
    }

    @Test func voiceConfigIsReadFromThePiperJSON() throws {
        let files = try NeuralVoice.all[0].locate()
        let config = try PiperVoiceConfig.load(path: files.config)
        #expect(config.sampleRate == 22050)
        #expect(config.espeakVoice == "en-us")
        #expect(config.symbols.count == 151)
        #expect(config.noiseScale == 0.667 && config.noiseW == 0.8 && config.lengthScale == 1)
    }

    @Test func neuralVoiceSpeaksASentence() throws {
        let synth = try NeuralSynthesizer.shared(NeuralVoice.all[0], threads: 2)
        let clauses = try EspeakSynthesizer.shared.phonemes(for: "Hello world. This is a test of the talking photo system.", voice: "en-us")
        let sentences = PiperPhonemes.sentences(from: clauses, symbols: synth.config.symbols)
        #expect(sentences.count == 2)
        let audio = try synth.synthesize(sentences: sentences)
        #expect(audio.sampleRate == 22050)
        let seconds = Double(audio.samples.count) / 22050
        #expect(seconds > 2 && seconds < 6, "\(seconds) s")
        let rms = (audio.samples.reduce(0) { $0 + Double($1 * $1) } / Double(audio.samples.count)).squareRoot()
        #expect(rms > 0.02, "audible: rms \(rms)")
        if let dump = ProcessInfo.processInfo.environment["FACECAST_DUMP_WAV"] {
            try Data(WAVFile.encode(samples: audio.samples, sampleRate: audio.sampleRate)).write(to: URL(fileURLWithPath: dump))
        }
    }
}
