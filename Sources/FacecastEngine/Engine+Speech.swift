import FacecastCore
import Foundation
import MediaFFmpeg
import SpeechEspeak

/// The speech a render animates to: the audio in a temporary WAV file (long scripts never sit whole in memory),
/// the phone/word timeline, and the loudness envelope for the jaw.
struct SpeechTrack: Sendable {
    var audio: URL
    var sampleRate: Int
    var timeline: SpeechTimeline
    var loudness: LoudnessEnvelope
}

extension Engine {
    /// Every speech source goes through here. A script is spoken sentence by sentence (each markup run with its
    /// own rate, pitch and loudness), each piece appended to `wav` as soon as it is made.
    func speechTrack(for request: RenderRequest, writingTo wav: URL) throws -> SpeechTrack {
        var writer: WAVWriter?
        var meter: LoudnessMeter?
        var phones: [PhoneSegment] = [], words: [WordSegment] = []
        try speakPieces(for: request) { piece in
            if writer == nil {
                do { writer = try WAVWriter(url: wav, sampleRate: piece.sampleRate) } catch { throw FacecastError.wrap(error) }
                meter = LoudnessMeter(sampleRate: piece.sampleRate)
            }
            let offset = writer!.duration
            do { try writer!.append(piece.samples) } catch { throw FacecastError.wrap(error) }
            meter!.append(piece.samples)
            phones += piece.timeline.phones.map { var p = $0; p.start += offset; p.end += offset; return p }
            words += piece.timeline.words.map { var w = $0; w.start += offset; w.end += offset; return w }
        }
        guard let writer, let meter else { throw FacecastError.wrap(SpeechError.emptyText) }
        do { try writer.finish() } catch { throw FacecastError.wrap(error) }
        return SpeechTrack(audio: wav, sampleRate: writer.sampleRate,
                           timeline: SpeechTimeline(duration: writer.duration, phones: phones, words: words),
                           loudness: meter.envelope())
    }

    /// Speaks the script in pieces, in order: sentences packed to a few hundred characters, and the pauses the
    /// markup asks for. Each piece is handed to `emit` and can be dropped right after.
    func speakPieces(for request: RenderRequest, _ emit: (SynthesizedSpeech) throws -> Void) throws {
        let script = try spokenScript(for: request)
        var sampleRate: Int?
        var pendingPause = 0.0
        for part in script.parts {
            switch part {
            case .pause(let seconds):
                pendingPause += seconds
            case .speech(let text, let style):
                for chunk in SentenceChunker.chunks(text) {
                    var piece = try speak(chunk, style: style, request: request)
                    if style.emphasis { piece = piece.emphasized() }
                    if let rate = sampleRate, pendingPause > 0 {
                        try emit(SynthesizedSpeech.silence(pendingPause, sampleRate: rate, voice: piece.voice))
                    }
                    pendingPause = 0
                    sampleRate = piece.sampleRate
                    try emit(piece.scaled(decibels: request.volumeDecibels))
                }
            }
        }
        if sampleRate == nil { throw FacecastError.wrap(SpeechError.nothingToSay(script.displayText)) }
    }

    /// One run of speech with the render's voice, its rate and pitch adjusted by the run's style.
    func speak(_ text: String, style: SpeechStyle, request: RenderRequest) throws -> SynthesizedSpeech {
        let rate = style.rate == 1 ? request.rate : Int((Double(request.rate ?? 175) * style.rate).rounded()).clamped(80, 450)
        // espeak-ng's pitch scale is 0–100 around 50; about 4 steps make a semitone.
        let pitch = style.pitchSemitones == 0 ? request.pitch
            : Int((Double(request.pitch ?? 50) + 4 * style.pitchSemitones).rounded()).clamped(0, 100)
        do {
            return try EspeakSynthesizer.shared.synthesize(text, voice: request.voice, rate: rate, pitch: pitch)
                .scaled(decibels: style.volumeDecibels)
        } catch { throw FacecastError.wrap(error) }
    }

    func spokenScript(for request: RenderRequest) throws -> SpokenScript {
        let trimmed = request.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw FacecastError.wrap(SpeechError.emptyText) }
        do { return try SpokenScript.read(request.text, language: request.voice) } catch {
            throw FacecastError(.speech, "\(error.description). Facecast reads plain text or an SSML subset: <speak>, <p>, <s>, "
                + "<break time=\"500ms\"/>, <emphasis>, <prosody rate pitch volume>, <say-as interpret-as=\"characters|cardinal|date\">, <sub alias>.")
        }
    }

    /// The words as the captions should show them.
    func captionScript(for request: RenderRequest) -> String {
        (try? spokenScript(for: request).displayText) ?? request.text
    }
}

extension Int {
    func clamped(_ lo: Int, _ hi: Int) -> Int { Swift.min(hi, Swift.max(lo, self)) }
}
