import FacecastCore
import Foundation
import MediaFFmpeg

/// Lip-sync to a user's recording (issue 6): the recording is decoded by ffmpeg (any format and rate, mixed down
/// to mono at 16 kHz and loudness-normalised for analysis only; the MP4 gets the original audio re-encoded to AAC).
/// With a transcript the words are force-aligned (espeak-ng rendition + DTW, see `TranscriptAligner`); without one
/// the visemes come from the sound itself (`AcousticVisemes`), in any language.
extension Engine {
    /// Recordings longer than this are refused unless the request allows long audio.
    public static let longRecordingSeconds = 2 * 3600.0
    /// Below this alignment confidence the transcript is taken not to match the recording.
    public static let minimumAlignmentConfidence = 0.2
    static let analysisRate = 16_000

    func recordedSpeech(for request: RenderRequest, audioPath: String) throws -> SynthesizedSpeech {
        let name = (audioPath as NSString).lastPathComponent
        guard FileManager.default.fileExists(atPath: audioPath) else {
            throw FacecastError(.input, "The audio file \(audioPath) does not exist.")
        }
        let probe: MediaProbe
        do { probe = try MediaProbe.probe(audioPath) } catch {
            throw FacecastError(.input, "\(name) is not audio that ffmpeg can read. Use a recording in WAV, MP3, M4A, OGG, FLAC or WebM.")
        }
        guard let stream = probe.audio else {
            throw FacecastError(.input, "\(name) has no audio stream. Pass a recording of the speech with --audio.")
        }
        let declared = stream.duration ?? probe.duration ?? 0
        if declared > Self.longRecordingSeconds && !request.allowLong {
            throw FacecastError(.input, String(format: "%@ is %.1f hours long; recordings over 2 hours are refused. Cut it into parts, or pass --allow-long (analysis holds the recording in memory, about 230 MB per hour).", name, declared / 3600))
        }
        let decoded = try loadAudio(path: audioPath, sampleRate: Self.analysisRate)
        if decoded.duration > Self.longRecordingSeconds && !request.allowLong {
            throw FacecastError(.input, String(format: "%@ is %.1f hours long; recordings over 2 hours are refused unless you pass --allow-long.", name, decoded.duration / 3600))
        }
        guard decoded.duration >= 0.1 else {
            throw FacecastError(.input, "\(name) holds no audio (\(decoded.samples.count) samples). Pass a recording of at least a fraction of a second.")
        }
        let peak = decoded.samples.reduce(Float(0)) { max($0, abs($1)) }
        guard peak >= 0.001, SpeechActivity.span(of: decoded) != nil else {
            throw FacecastError(.input, "\(name) holds only silence (\(String(format: "%.1f", decoded.duration)) s, nothing louder than the background). Check that the right file and channel were recorded.")
        }
        let clip = decoded.loudnessNormalised()
        let timeline: SpeechTimeline
        if let transcript = request.transcript {
            let language = try alignmentLanguage(for: request)
            let result: TranscriptAligner.Result
            do { result = try TranscriptAligner(language: language).align(transcript, to: clip) } catch { throw FacecastError.wrap(error) }
            guard result.alignment.confidence >= Self.minimumAlignmentConfidence else {
                throw FacecastError(.speech, String(format: "The transcript does not match %@ (alignment confidence %.2f, at least %.2f needed). Check that the transcript is the words spoken, in order and complete, and that --language (%@) is the language spoken; or leave out --transcript to animate from the sound alone.", name, result.alignment.confidence, Self.minimumAlignmentConfidence, language))
            }
            timeline = result.alignment.timeline
        } else {
            timeline = AcousticVisemes.timeline(for: clip)
        }
        return SynthesizedSpeech(samples: clip.samples, sampleRate: clip.sampleRate, timeline: timeline, voice: "recording \(name)")
    }
}
