import FaceAnalysisDlib
import ImageCodecs
import MediaFFmpeg
import FacecastCore
import SpeechEspeak
import SpeechNeural

/// Every failure the product reports, with the exit code the CLI uses (documented in the README).
public struct FacecastError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Int32, Sendable {
        case input = 2  // the photo or another input file is unreadable, not an image, corrupt or too large
        case noFace = 3  // no usable face in the photo
        case speech = 4  // empty script, unknown voice/language, nothing speakable, an option the voice cannot do
        case output = 5  // the output path cannot be written
        case media = 6  // ffmpeg/ffprobe failed or is missing
        case engine = 7  // a native engine (dlib, espeak-ng, sherpa-onnx) failed, or its model is not installed
    }

    public var kind: Kind
    public var message: String
    public var exitCode: Int32 { kind.rawValue }
    public var description: String { message }

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Wraps the adapters' typed errors; anything else is an engine error.
    public static func wrap(_ error: Error) -> FacecastError {
        switch error {
        case let e as FacecastError: return e
        case let e as PhotoError: return FacecastError(.input, e.description)
        case let e as SpeechError: return FacecastError(.speech, e.description)
        case let e as VoiceSelectionError: return FacecastError(.speech, e.description)
        case let e as NeuralVoiceError:
            if case .nothingToSay = e { return FacecastError(.speech, e.description) }
            return FacecastError(.engine, e.description)
        case let e as MediaError: return FacecastError(.media, e.description)
        case let e as DlibError: return FacecastError(.engine, e.description)
        default: return FacecastError(.engine, "\(error)")
        }
    }
}
