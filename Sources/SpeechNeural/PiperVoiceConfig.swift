import Foundation

/// The parts of a Piper voice's JSON config (`*.onnx.json`) the synthesizer uses.
public struct PiperVoiceConfig: Sendable, Decodable, Equatable {
    public var sampleRate: Int
    /// The espeak-ng voice the model was trained on (its phonemes must come from this voice).
    public var espeakVoice: String
    public var noiseScale: Double
    public var lengthScale: Double
    public var noiseW: Double
    /// Code points the model has an id for.
    public var symbols: Set<Unicode.Scalar>

    enum CodingKeys: String, CodingKey { case audio, espeak, inference, phonemeIdMap = "phoneme_id_map" }
    struct Audio: Decodable { var sample_rate: Int }
    struct Espeak: Decodable { var voice: String }
    struct Inference: Decodable { var noise_scale: Double?; var length_scale: Double?; var noise_w: Double? }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sampleRate = try c.decode(Audio.self, forKey: .audio).sample_rate
        espeakVoice = try c.decode(Espeak.self, forKey: .espeak).voice
        let inference = try c.decodeIfPresent(Inference.self, forKey: .inference)
        // Piper's defaults when the config leaves them out.
        noiseScale = inference?.noise_scale ?? 0.667
        lengthScale = inference?.length_scale ?? 1
        noiseW = inference?.noise_w ?? 0.8
        let map = try c.decode([String: [Int]].self, forKey: .phonemeIdMap)
        symbols = Set(map.keys.compactMap { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first : nil })
    }

    public static func load(path: String) throws -> PiperVoiceConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw NeuralVoiceError.missingFile(path) }
        do { return try JSONDecoder().decode(PiperVoiceConfig.self, from: data) } catch {
            throw NeuralVoiceError.badConfig(path: path, reason: "\(error)")
        }
    }
}
