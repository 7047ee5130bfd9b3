/// A script ready to speak: plain text, or the SSML subset Facecast reads, resolved into runs of speech with
/// their prosody and the pauses between them.
public struct SpokenScript: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case speech(String, SpeechStyle)
        /// Silence, in seconds.
        case pause(Double)
    }

    public var parts: [Part]
    /// The words as captions show them, when markup makes that differ from what is said.
    private var display: String?

    public init(parts: [Part], display: String? = nil) {
        self.parts = parts
        self.display = display
    }

    /// The words as written (markup removed), for captions.
    public var displayText: String {
        if let display { return display }
        var out = ""
        for case .speech(let text, _) in parts {
            if !out.isEmpty, !(out.last?.isWhitespace ?? true) { out += " " }
            out += text
        }
        return out
    }

    /// Reads `script`: SSML when it uses Facecast's tags (`<speak>`, `<break>`, `<emphasis>`, `<prosody>`,
    /// `<say-as>`, `<s>`, `<p>`), plain text otherwise. Errors give the line and column of the bad markup.
    public static func read(_ script: String, language: String = "en") throws(ScriptMarkupError) -> SpokenScript {
        guard ScriptMarkup.looksLikeMarkup(script) else {
            return SpokenScript(parts: [.speech(script, SpeechStyle())])
        }
        var markup = ScriptMarkup(script, language: language)
        return try markup.parse()
    }
}

/// How a run of speech is spoken, relative to the render's settings.
public struct SpeechStyle: Sendable, Hashable {
    /// Speaking-rate multiplier (1 = the voice's rate).
    public var rate = 1.0
    /// Pitch change in semitones.
    public var pitchSemitones = 0.0
    /// Loudness change in decibels.
    public var volumeDecibels = 0.0
    /// Inside `<emphasis>`: spoken with more weight and shown with a brow raise and a nod.
    public var emphasis = false

    public init() {}
}

/// Malformed markup, with where it is (1-based line and column, counted in characters).
public struct ScriptMarkupError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "Script markup error at line \(line), column \(column): \(message)" }
}
