import CSherpaOnnx
import FacecastCore
import Foundation
import Synchronization

/// A Piper VITS voice run by sherpa-onnx. Owns the sherpa-onnx TTS engine (freed in deinit); calls are serialised.
/// Loading takes about a second: use `shared(_:threads:)` to load each voice once per process.
public final class NeuralSynthesizer: Sendable {
    public let voice: NeuralVoice
    public let config: PiperVoiceConfig
    public let threads: Int
    private let engine: Mutex<OpaquePointer>

    public init(voice: NeuralVoice, threads: Int = 2) throws {
        let files = try voice.locate()
        let config = try PiperVoiceConfig.load(path: files.config)
        // sherpa-onnx ends the whole process (instead of returning an error) when the metadata is missing.
        try Self.checkMetadata(model: files.model)
        let tts: OpaquePointer? = files.model.withCString { model in
            files.tokens.withCString { tokens in
                "cpu".withCString { provider in
                    var c = SherpaOnnxOfflineTtsConfig()
                    c.model.vits.model = model
                    c.model.vits.tokens = tokens
                    c.model.vits.noise_scale = Float(config.noiseScale)
                    c.model.vits.noise_scale_w = Float(config.noiseW)
                    c.model.vits.length_scale = Float(config.lengthScale)
                    c.model.num_threads = Int32(threads)
                    c.model.provider = provider
                    c.max_num_sentences = 1
                    c.silence_scale = 0.2
                    return SherpaOnnxCreateOfflineTts(&c)
                }
            }
        }
        guard let tts else { throw NeuralVoiceError.loadFailed(model: files.model) }
        self.voice = voice
        self.config = config
        self.threads = threads
        self.engine = Mutex(tts)
    }

    deinit {
        engine.withLock { SherpaOnnxDestroyOfflineTts($0) }
    }

    /// Speaks Piper phoneme input (one code-point array per sentence, see `PiperPhonemes`). `speed` > 1 speaks faster.
    public func synthesize(sentences: [[Unicode.Scalar]], speed: Double = 1) throws -> AudioSamples {
        let lens = sentences.map { Int32($0.count) }.filter { $0 > 0 }
        guard !lens.isEmpty else { throw NeuralVoiceError.nothingToSay }
        let flat = sentences.flatMap { $0.map { Int32(bitPattern: $0.value) } }
        return try engine.withLock { tts -> AudioSamples in
            let audio: UnsafePointer<SherpaOnnxGeneratedAudio>? = flat.withUnsafeBufferPointer { codepoints in
                lens.withUnsafeBufferPointer { lengths in
                    var g = SherpaOnnxGenerationConfig()
                    g.sid = 0
                    g.speed = Float(speed)
                    g.silence_scale = 0.2
                    g.phoneme_codepoints = codepoints.baseAddress
                    g.phoneme_codepoints_lens = lengths.baseAddress
                    g.phoneme_codepoints_num_sentences = Int32(lengths.count)
                    return SherpaOnnxOfflineTtsGenerateWithConfig(tts, "", &g, nil, nil)
                }
            }
            guard let audio else { throw NeuralVoiceError.generationFailed }
            defer { SherpaOnnxDestroyOfflineTtsGeneratedAudio(audio) }
            let a = audio.pointee
            guard a.n > 0, let samples = a.samples else { throw NeuralVoiceError.generationFailed }
            return AudioSamples(samples: Array(UnsafeBufferPointer(start: samples, count: Int(a.n))), sampleRate: Int(a.sample_rate))
        }
    }

    /// One engine per (voice, threads), loaded on first use and kept for the life of the process.
    public static func shared(_ voice: NeuralVoice, threads: Int = 2) throws -> NeuralSynthesizer {
        try cache.withLock { engines in
            let key = "\(voice.name)/\(threads)"
            if let engine = engines[key] { return engine }
            let engine = try NeuralSynthesizer(voice: voice, threads: threads)
            engines[key] = engine
            return engine
        }
    }

    private static let cache = Mutex<[String: NeuralSynthesizer]>([:])

    /// The bootstrap appends sherpa-onnx's metadata at the end of the model: look for its keys there.
    static func checkMetadata(model path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw NeuralVoiceError.missingFile(path) }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 4096 ? size - 4096 : 0)
        let tail = (try? handle.readToEnd()) ?? Data()
        for key in ["model_type", "sample_rate", "comment", "add_blank"] where tail.range(of: Data(key.utf8)) == nil {
            throw NeuralVoiceError.badConfig(path: path, reason: "the model has no \"\(key)\" metadata property, which sherpa-onnx requires")
        }
    }
}

/// Mono audio as the voice produced it.
public struct AudioSamples: Sendable {
    public var samples: [Float]
    public var sampleRate: Int
}
