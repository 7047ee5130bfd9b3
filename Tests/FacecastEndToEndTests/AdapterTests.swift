import FacecastCore
import FacecastEngine
import FacecastTesting
import Foundation
import ImageCodecs
import MediaFFmpeg
@testable import SpeechEspeak
import Testing

/// The native adapters against the real libraries.
@Suite struct PhotoDecoderTests {
    /// Converts the astronaut photo with ffmpeg into another pixel format; returns the file.
    func converted(_ pixFmt: String, ext: String) throws -> String {
        let out = try Fixtures.temporaryDirectory().appendingPathComponent("x.\(ext)")
        try run(["-i", try Fixtures.path("astronaut.png"), "-pix_fmt", pixFmt, out.path])
        return out.path
    }

    func run(_ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        p.arguments = ["-v", "error", "-y"] + args
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    /// ffmpeg's own decode of the file as RGB: the independent reference.
    func ffmpegDecode(_ path: String, width: Int, height: Int) throws -> RGBImage {
        let reader = try VideoFrameReader(path: path, width: width, height: height)
        return try #require(try reader.next())
    }

    func meanAbsDiff(_ a: RGBImage, _ b: RGBImage) -> Double {
        var sum = 0
        for i in a.pixels.indices { sum += abs(Int(a.pixels[i]) - Int(b.pixels[i])) }
        return Double(sum) / Double(a.pixels.count)
    }

    @Test(arguments: [("rgb48be", "png"), ("rgba", "png"), ("pal8", "png"), ("gray", "png"), ("gray16be", "png"),
                      ("ya8", "png"), ("yuvj444p", "jpg"), ("yuvj420p", "jpg")])
    func decodesLikeFFmpeg(pixFmt: String, ext: String) throws {
        let path = try converted(pixFmt, ext: ext)
        let ours = try Photo.load(path: path)
        #expect(ours.width == 512 && ours.height == 512)
        let reference = try ffmpegDecode(path, width: 512, height: 512)
        // PNG is lossless: identical up to 16→8-bit rounding; JPEG: IDCT/upsampling differences only.
        #expect(meanAbsDiff(ours, reference) < (ext == "png" ? 0.6 : 2.5), "\(pixFmt) \(ext)")
        if pixFmt.hasPrefix("gray") || pixFmt == "ya8" {
            let (r, g, b) = ours[200, 200]
            #expect(r == g && g == b, "grey stays grey")
        }
    }

    @Test func sniffingIgnoresTheFileName() throws {
        let png = try Data(contentsOf: URL(fileURLWithPath: try Fixtures.path("astronaut.png")))
        let img = try PhotoDecoder.decode([UInt8](png), name: "looks-like.jpg")
        #expect(img.width == 512)
        #expect(throws: PhotoError.unsupportedFormat(name: "a.gif", format: "GIF")) {
            try PhotoDecoder.decode(Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8), name: "a.gif")
        }
    }

    /// A print-workflow JPEG (CMYK stored as YCCK, Adobe's inverted ink values) decodes to the colours of the same
    /// photo saved as RGB, and EXIF orientation is still applied to it (the second file's tag turns its upright
    /// picture on its side, as any viewer shows it). Before, both were refused as damaged.
    @Test func aCMYKJPEGDecodesToTheColoursOfItsRGBTwin() throws {
        let cmyk = try Photo.load(path: try Fixtures.path("cmyk_portrait.jpg"))
        let rgb = try Photo.load(path: try Fixtures.path("beard_frontal.jpg"))
        #expect(cmyk.width == rgb.width && cmyk.height == rgb.height)
        // This file's CMYK was made from the RGB by the same plain formula: 0.14 of a level apart on average (the two
        // JPEG encodes). The check can fail: the picture's negative is 219 apart.
        let diff = meanAbsDiff(cmyk, rgb)
        #expect(diff < 3, "mean abs difference \(diff)")
        let inverted = RGBImage(width: cmyk.width, height: cmyk.height, pixels: cmyk.pixels.map { 255 - $0 })
        #expect(meanAbsDiff(inverted, rgb) > 100)
        let rotated = try Photo.load(path: try Fixtures.path("cmyk_portrait_rotated.jpg"))
        #expect(rotated.width == cmyk.height && rotated.height == cmyk.width)
        // Orientation 6: shown turned 90° clockwise, so the stored image's bottom-left corner is at the top left.
        for (x, y) in [(0, 0), (100, 300), (532, 799), (260, 410)] {
            #expect(rotated[x, y] == cmyk[y, cmyk.height - 1 - x], "pixel \(x), \(y)")
        }
    }

    @Test func pngRoundTrip() throws {
        var img = RGBImage(width: 7, height: 5, fill: (10, 20, 30))
        img[3, 2] = (255, 0, 128)
        let decoded = try PhotoDecoder.decode(try PNGEncoder.encode(img), name: "x.png")
        #expect(decoded == img)
    }
}

@Suite struct EspeakTests {
    @Test func phonesAndWordsAreTimedAndCoverTheAudio() throws {
        let speech = try EspeakSynthesizer.shared.synthesize("Papa made a map for Bob.", voice: "en-us")
        let tl = speech.timeline
        #expect(speech.sampleRate == 22050)
        #expect(abs(tl.duration - Double(speech.samples.count) / 22050) < 1e-9)
        #expect(tl.phones.first?.start == 0)
        #expect(abs((tl.phones.last?.end ?? 0) - tl.duration) < 1e-6)
        for (a, b) in zip(tl.phones, tl.phones.dropFirst()) {
            #expect(a.end <= b.start + 1e-9 && a.start < a.end)
        }
        let pp = tl.phones.filter { $0.viseme == .PP }.map(\.phone)
        #expect(pp.count >= 5, "p, p, m, m, b, b: got \(pp)")
        #expect(tl.words.map(\.text) == ["Papa", "made", "a", "map", "for", "Bob"])
        for w in tl.words { #expect(w.start < w.end && w.end <= tl.duration + 1e-9) }
        // The loudest part of the audio lies inside the words, not in the pauses.
        let peak = speech.samples.indices.max { abs(speech.samples[$0]) < abs(speech.samples[$1]) }!
        let tPeak = Double(peak) / 22050
        #expect(tl.words.contains { $0.start - 0.05 <= tPeak && tPeak <= $0.end + 0.05 })
    }

    /// The timeline must follow the audio through a whole paragraph: every pause it reports is silent, and speech
    /// resumes when it says so. (espeak-ng reports a pause and the next phone at the same instant; taking that
    /// as two phones once shifted every later phone by one, up to 0.4 s late by the fourth sentence.)
    @Test func pausesInTheTimelineAreSilentInTheAudio() throws {
        let speech = try EspeakSynthesizer.shared.synthesize(
            "Good morning! My name is on the door, but the work is ours. Maybe we can map the path before the big push. "
                + "Bob and Pam will bring the plans, five boxes of paper, and a very patient mind.", voice: "en-us")
        let rms = LoudnessEnvelope.frameRMS(samples: speech.samples, sampleRate: speech.sampleRate, hop: 0.01)
        let peak = try #require(rms.max())
        func loudest(_ a: Double, _ b: Double) -> Double {
            let lo = max(0, Int(a / 0.01)), hi = min(rms.count, Int(b / 0.01) + 1)
            return lo < hi ? rms[lo..<hi].max()! / peak : 0
        }
        let tl = speech.timeline
        let pauses = tl.phones.filter { $0.phone.isEmpty && $0.end - $0.start >= 0.1 && $0.end < tl.duration - 0.05 }
        #expect(pauses.count >= 5, "one pause per sentence or comma: \(pauses.map(\.start))")
        for p in pauses {
            let inset = 0.25 * (p.end - p.start)
            #expect(loudest(p.start + inset, p.end - inset) < 0.03, "pause \(p.start)–\(p.end) is not silent")
            #expect(loudest(p.end + 0.01, p.end + 0.12) > 0.1, "no speech right after the pause ending at \(p.end)")
        }
    }

    @Test func simultaneousEventsDoNotShiftLaterPhones() {
        let c = Collector()
        c.samples = [Int16](repeating: 0, count: 22050)
        c.phones = [.init(ms: 0, name: "m"), .init(ms: 100, name: "a"), .init(ms: 300, name: ""),
                    .init(ms: 500, name: ""), .init(ms: 500, name: "b"), .init(ms: 600, name: "o")]
        let tl = c.timeline(text: "ma bo", sampleRate: 22050)
        let spans = tl.phones.map { "\($0.phone)@\(Int(($0.start * 1000).rounded()))-\(Int(($0.end * 1000).rounded()))" }
        #expect(spans == ["m@0-100", "a@100-300", "@300-500", "b@500-600", "o@600-1000"])
    }

    @Test func nonLatinWordsRoundTrip() throws {
        let speech = try EspeakSynthesizer.shared.synthesize("Grüße aus München", voice: "de")
        #expect(speech.timeline.words.map(\.text) == ["Grüße", "aus", "München"])
        let hindi = try EspeakSynthesizer.shared.synthesize("नमस्ते दुनिया", voice: "hi")
        #expect(hindi.timeline.words.map(\.text) == ["नमस्ते", "दुनिया"])
    }

    @Test func voicesListIncludesManyLanguages() throws {
        let voices = try EspeakSynthesizer.shared.voices()
        #expect(voices.count > 100)
        let langs = Set(voices.flatMap(\.languages))
        for l in ["en-us", "es", "de", "fr", "hi", "cmn", "ar"] { #expect(langs.contains(l), "missing \(l)") }
    }

    @Test func rejectsBadScriptsAndVoices() {
        #expect(throws: SpeechError.emptyText) { try EspeakSynthesizer.shared.synthesize(" \n ", voice: "en-us") }
        #expect(throws: SpeechError.unknownVoice("zz-nope")) { try EspeakSynthesizer.shared.synthesize("Hi", voice: "zz-nope") }
    }
}

@Suite struct EncoderTests {
    @Test func encoderProducesExactFrameCountAndRemovesNothingElse() throws {
        let dir = try Fixtures.temporaryDirectory()
        let wav = dir.appendingPathComponent("a.wav")
        try Data(WAVFile.encode(samples: (0..<22050).map { Float(sin(Double($0) * 0.05)) * 0.3 }, sampleRate: 22050)).write(to: wav)
        let out = dir.appendingPathComponent("v.mp4")
        let enc = try VideoEncoder(outputPath: out.path, audioPath: wav.path, settings: EncoderSettings(width: 64, height: 48, fps: 25))
        for k in 0..<25 { try enc.write([UInt8](repeating: UInt8(k * 10), count: 64 * 48 * 3)) }
        try enc.finish()
        let probe = try MediaProbe.probe(out.path)
        #expect(probe.video?.frameCount == 25)
        #expect(abs((probe.video?.duration ?? 0) - 1.0) < 0.001)
        #expect(abs((probe.audio?.duration ?? 0) - 1.0) < 0.04)
        let reader = try VideoFrameReader(path: out.path, width: 64, height: 48)
        var n = 0
        while let f = try reader.next() {
            #expect(abs(Int(f.pixels[64 * 24 * 3 + 96]) - n * 10) < 6, "frame \(n) keeps its grey level")
            n += 1
        }
        #expect(n == 25)
    }
}
