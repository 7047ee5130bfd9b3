import FacecastCore

/// Everything a render needs to know. Defaults are the product's defaults.
public struct RenderRequest: Sendable {
    public enum Framing: Sendable, Equatable {
        /// The whole photo, scaled so the longer side is at most `maxLongSide` and the shorter at most `maxShortSide`.
        case photo(maxLongSide: Int, maxShortSide: Int)
        /// A square head-and-shoulders crop of the given size.
        case crop(size: Int)
    }

    public var photoPath: String
    public var text: String
    public var outputPath: String
    /// A voice id from `facecast voices` ("neural:joe", "espeak:de", or a bare espeak-ng language such as "de");
    /// nil: the default voice of `language`.
    public var voice: String? = nil
    /// A language ("en", "es", "de", …) whose default voice speaks; nil: English (the neural voice). With `audioPath`
    /// and `transcript`: the language spoken in the recording (an espeak-ng language; default: `voice`'s, or en-us).
    public var language: String? = nil
    public var rate: Int? = nil
    public var pitch: Int? = nil
    /// Loudness change of the whole speech in decibels (the CLI's --volume percentage becomes this).
    public var volumeDecibels: Double = 0
    public var fps: Int = 25
    public var seed: UInt64 = 1
    public var faceIndex: Int? = nil
    public var framing: Framing = .photo(maxLongSide: 1920, maxShortSide: 1080)
    public var visibleLabel: Bool = true
    public var timelinePath: String? = nil
    public var preset: String = "veryfast"
    /// Caption files written beside the MP4 (same name, .srt / .vtt), from the word timings.
    public var captions: Set<CaptionFormat> = []
    /// Draw the captions into the picture as well.
    public var burnCaptions: Bool = false
    /// A recording to lip-sync to instead of synthesising `text` (any format ffmpeg reads). See Engine+Audio.
    public var audioPath: String? = nil
    /// What the recording says (forced alignment); nil = acoustic visemes, any language.
    public var transcript: String? = nil
    /// Accept recordings longer than two hours.
    public var allowLong: Bool = false

    public init(photoPath: String, text: String, outputPath: String) {
        self.photoPath = photoPath
        self.text = text
        self.outputPath = outputPath
    }
}

/// What a finished render reports.
public struct RenderResult: Sendable, Codable {
    public var outputPath: String
    public var width: Int
    public var height: Int
    public var fps: Int
    public var frames: Int
    public var duration: Double
    public var seconds: Timings
    /// The phones and words the video was animated from.
    public var timeline: SpeechTimeline
    /// The blinks the performance scheduled.
    public var blinks: [Blink]
    /// Caption files written beside the video (empty unless asked for).
    public var captionPaths: [String] = []

    public struct Timings: Sendable, Codable {
        public var speech = 0.0
        public var analysis = 0.0
        public var renderAndEncode = 0.0
        public var total = 0.0
    }
}
