import FacecastCore
import Foundation
import MediaFFmpeg
import SpeechEspeak

/// The speech a render animates to: the audio file for the MP4 (a temporary WAV of synthetic speech, written
/// piece by piece so long scripts never sit whole in memory, or the user's own recording as it is), the
/// phone/word timeline, and the loudness envelope for the jaw.
struct SpeechTrack: Sendable {
    var audio: URL
    var timeline: SpeechTimeline
    var loudness: LoudnessEnvelope
}

extension Engine {
    /// Every speech source goes through here. A recording is analysed whole (see Engine+Audio). A script is spoken
    /// sentence by sentence (each markup run with its own rate, pitch and loudness), each piece appended to `wav`
    /// as soon as it is made.
    func speechTrack(for request: RenderRequest, writingTo wav: URL) throws -> SpeechTrack {
        if let audioPath = request.audioPath {
            let speech = try recordedSpeech(for: request, audioPath: audioPath)
            return SpeechTrack(audio: URL(fileURLWithPath: audioPath), timeline: speech.timeline,
                               loudness: LoudnessEnvelope(samples: speech.samples, sampleRate: speech.sampleRate))
        }
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
            let moved = piece.timeline.shifted(by: offset)
            phones += moved.phones
            words += moved.words
        }
        guard let writer, let meter else { throw FacecastError.wrap(SpeechError.emptyText) }
        do { try writer.finish() } catch { throw FacecastError.wrap(error) }
        return SpeechTrack(audio: wav, timeline: SpeechTimeline(duration: writer.duration, phones: phones, words: words),
                           loudness: meter.envelope())
    }

    /// The same speech in memory (for `Engine.speak` and the benchmarks; renders stream with `speechTrack`).
    func speech(for request: RenderRequest) throws -> SynthesizedSpeech {
        if let audioPath = request.audioPath { return try recordedSpeech(for: request, audioPath: audioPath) }
        var pieces: [SynthesizedSpeech] = []
        try speakPieces(for: request) { pieces.append($0) }
        guard let joined = SynthesizedSpeech.joined(pieces) else { throw FacecastError.wrap(SpeechError.emptyText) }
        return joined
    }

    /// Speaks the script in pieces, in order: sentences packed to a few hundred characters, and the pauses the
    /// markup asks for. Each piece is handed to `emit` and can be dropped right after.
    func speakPieces(for request: RenderRequest, _ emit: (SynthesizedSpeech) throws -> Void) throws {
        let script = try spokenScript(for: request)
        let voice: VoiceInfo
        do { voice = try selectVoice(voice: request.voice, language: request.language) } catch { throw FacecastError.wrap(error) }
        var sampleRate: Int?
        var pendingPause = 0.0
        for part in script.parts {
            switch part {
            case .pause(let seconds):
                pendingPause += seconds
            case .speech(let text, let style):
                for chunk in SentenceChunker.chunks(text) {
                    var piece = try speakRun(chunk, style: style, voice: voice, request: request)
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

    /// One run of speech with the chosen voice, its rate (and, for espeak-ng voices, pitch) adjusted by the run's
    /// style. The neural voice has its own pitch: markup pitch changes are not applied to it.
    private func speakRun(_ text: String, style: SpeechStyle, voice: VoiceInfo, request: RenderRequest) throws -> SynthesizedSpeech {
        let rate = style.rate == 1 ? request.rate : Int((Double(request.rate ?? 175) * style.rate).rounded()).clamped(80, 450)
        if voice.engine == .neural {
            return try neuralSpeech(text, rate: rate, pitch: request.pitch, voice: voice).scaled(decibels: style.volumeDecibels)
        }
        // espeak-ng's pitch scale is 0–100 around 50; about 4 steps make a semitone.
        let pitch = style.pitchSemitones == 0 ? request.pitch
            : Int((Double(request.pitch ?? 50) + 4 * style.pitchSemitones).rounded()).clamped(0, 100)
        do {
            return try EspeakSynthesizer.shared.synthesize(text, voice: voice.engineName, rate: rate, pitch: pitch)
                .scaled(decibels: style.volumeDecibels)
        } catch { throw FacecastError.wrap(error) }
    }

    func spokenScript(for request: RenderRequest) throws -> SpokenScript {
        let trimmed = request.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw FacecastError.wrap(SpeechError.emptyText) }
        do { return try SpokenScript.read(request.text, language: request.language ?? request.voice ?? "en") } catch {
            throw FacecastError(.speech, "\(error.description). Facecast reads plain text or an SSML subset: <speak>, <p>, <s>, "
                + "<break time=\"500ms\"/>, <emphasis>, <prosody rate pitch volume>, <say-as interpret-as=\"characters|cardinal|date\">, <sub alias>.")
        }
    }

    /// The words as the captions should show them: the script without markup, or a recording's transcript.
    func captionScript(for request: RenderRequest) -> String {
        if request.audioPath != nil { return request.transcript ?? "" }
        return (try? spokenScript(for: request).displayText) ?? request.text
    }
}

extension Int {
    func clamped(_ lo: Int, _ hi: Int) -> Int { Swift.min(hi, Swift.max(lo, self)) }
}
