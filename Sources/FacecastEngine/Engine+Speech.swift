import FacecastCore
import SpeechEspeak

extension Engine {
    /// The audio and phone/word timeline a render animates to. Every speech source goes through here.
    /// A script with markup is spoken run by run (each with its own rate, pitch and loudness) and joined.
    func speech(for request: RenderRequest) throws -> SynthesizedSpeech {
        let script = try spokenScript(for: request)
        var spoken: [SynthesizedSpeech?] = []  // nil: a pause, filled in once the voice's sample rate is known
        for part in script.parts {
            switch part {
            case .speech(let text, let style):
                var piece = try speak(text, style: style, request: request)
                if style.emphasis { piece = piece.emphasized() }
                spoken.append(piece)
            case .pause:
                spoken.append(nil)
            }
        }
        guard let rate = spoken.first(where: { $0 != nil })??.sampleRate else {
            throw FacecastError.wrap(SpeechError.nothingToSay(script.displayText))
        }
        let resolved = zip(spoken, script.parts).map { piece, part in
            if let piece { return piece }
            guard case .pause(let seconds) = part else { preconditionFailure("only pauses are filled in") }
            return SynthesizedSpeech.silence(seconds, sampleRate: rate, voice: "")
        }
        guard var speech = SynthesizedSpeech.joined(resolved) else { throw FacecastError.wrap(SpeechError.emptyText) }
        speech.voice = request.voice
        return speech.scaled(decibels: request.volumeDecibels)
    }

    /// One run of speech with the render's voice, its rate and pitch adjusted by the run's style.
    private func speak(_ text: String, style: SpeechStyle, request: RenderRequest) throws -> SynthesizedSpeech {
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
