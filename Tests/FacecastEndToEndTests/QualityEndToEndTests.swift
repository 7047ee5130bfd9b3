import FaceAnalysisDlib
import FacecastCore
import FacecastEngine
import FacecastTesting
import Foundation
import ImageCodecs
import MediaFFmpeg
import SpeechEspeak
import Testing

/// `facecast qa` on videos whose truth we know: a still encode of the photo, a mouth opened on a known schedule
/// with the sound shifted by a known lag, a mirrored face, and real renders.
@Suite(.serialized) struct QualityEndToEndTests {
    static let engine = Engine()

    /// Encodes `frames` (or the photo, still) with the delivery settings and the given audio into an MP4.
    func encode(_ frames: (Int) -> RGBImage, count: Int, audio: [Float], sampleRate: Int, placement: Placement?, to url: URL) throws {
        let first = frames(0)
        let wav = url.deletingPathExtension().appendingPathExtension("wav")
        try Data(WAVFile.encode(samples: audio, sampleRate: sampleRate)).write(to: wav)
        var settings = EncoderSettings(width: first.width, height: first.height, fps: 25)
        if let placement { settings.metadata["description"] = placement.metadataValue }
        let encoder = try VideoEncoder(outputPath: url.path, audioPath: wav.path, settings: settings)
        for i in 0..<count { try encoder.write(i == 0 ? first.pixels : frames(i).pixels) }
        try encoder.finish()
    }

    @Test func stillVideoHasTheSameIdentityNoSyncAndNoBlinks() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Fixtures.path("astronaut.png")
        let photo = try Photo.load(path: path)
        let speech = try EspeakSynthesizer.shared.synthesize("This photo does not move while I am talking about the weather today.", voice: "en-us")
        // One second of silence before and two after the speech, for the jitter measurement.
        let audio = [Float](repeating: 0, count: speech.sampleRate) + speech.samples + [Float](repeating: 0, count: 2 * speech.sampleRate)
        let count = Int((Double(audio.count) / Double(speech.sampleRate) * 25).rounded(.down))
        let video = dir.appendingPathComponent("still.mp4")
        let placement = Placement(regionX: 0, regionY: 0, regionWidth: photo.width, regionHeight: photo.height,
                                  width: photo.width, height: photo.height)
        try encode({ _ in photo }, count: count, audio: audio, sampleRate: speech.sampleRate, placement: placement, to: video)

        let result = try Self.engine.measureQuality(QualityRequest(videoPath: video.path, sourcePath: path))
        let r = result.report
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(r.frames == count)
        #expect(r.facePresent == 1)
        let identity = try #require(r.identity)
        #expect(identity.mean < 0.06, "a still encode is the same person: \(identity.mean)")
        #expect(identity.samples >= Int(speech.timeline.duration))
        let sync = try #require(r.sync)
        #expect(abs(sync.strength) < 0.3, "a still mouth cannot follow the voice: r = \(sync.strength)")
        #expect(r.blinks.isEmpty, "a still photo does not blink: \(r.blinks)")
        let bg = try #require(r.background)
        #expect(abs(bg.drop) < 0.2, "the still video is its own baseline: drop \(bg.drop) dB")
        #expect(bg.video > 30)
        // Only codec noise moves the landmarks of a still video: this is qa's own noise floor.
        #expect(r.jitter.pairs > 50)
        #expect(r.jitter.mean < 0.1, "still video jitter \(r.jitter.mean) px")
        #expect(r.checks.first { $0.metric.lowercased().contains("blink") }?.pass == false)
        let detail = try #require(r.faceDetail)
        #expect(abs(detail.share - 1) < 0.1, "a still video keeps the still encode's detail: \(detail)")
    }

    /// The face detail falls when the picture is resampled: the photo moved by half a pixel both ways (bilinear, which
    /// averages each pixel with its neighbours) keeps well under the still encode's fine detail.
    @Test func faceDetailFallsWhenThePhotoIsResampled() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Fixtures.path("astronaut.png")
        let photo = try Photo.load(path: path)
        let moved = Self.shifted(photo, dx: 0.5, dy: 0.5)
        let video = dir.appendingPathComponent("moved.mp4")
        let placement = Placement(regionX: 0, regionY: 0, regionWidth: photo.width, regionHeight: photo.height,
                                  width: photo.width, height: photo.height)
        try encode({ _ in moved }, count: 25, audio: [Float](repeating: 0, count: 22050), sampleRate: 22050,
                   placement: placement, to: video)
        let r = try Self.engine.measureQuality(QualityRequest(videoPath: video.path, sourcePath: path)).report
        let detail = try #require(r.faceDetail)
        #expect(detail.share < 0.6, "half-pixel bilinear resampling: \(detail)")
        #expect(detail.share > 0.05)
    }

    /// The photo moved by (dx, dy) pixels, resampled bilinearly (edges clamped).
    static func shifted(_ image: RGBImage, dx: Double, dy: Double) -> RGBImage {
        var out = image
        let w = image.width, h = image.height
        for y in 0..<h {
            let sy = min(max(Double(y) - dy, 0), Double(h - 1))
            let y0 = min(Int(sy), h - 2), fy = sy - Double(y0)
            for x in 0..<w {
                let sx = min(max(Double(x) - dx, 0), Double(w - 1))
                let x0 = min(Int(sx), w - 2), fx = sx - Double(x0)
                for c in 0..<3 {
                    func p(_ xi: Int, _ yi: Int) -> Double { Double(image.pixels[(yi * w + xi) * 3 + c]) }
                    let v = (p(x0, y0) * (1 - fx) + p(x0 + 1, y0) * fx) * (1 - fy) + (p(x0, y0 + 1) * (1 - fx) + p(x0 + 1, y0 + 1) * fx) * fy
                    out.pixels[(y * w + x) * 3 + c] = UInt8(min(255, max(0, v.rounded())))
                }
            }
        }
        return out
    }

    /// Jitter is the motion of the picture in silence: a slow drift of a tenth of a pixel per frame measures as about
    /// that (landmarks re-fitted on every frame reported over a pixel for such a drift), random one-pixel jumps fail.
    @Test func jitterMeasuresTheMotionOfThePicture() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Fixtures.path("astronaut.png")
        let photo = try Photo.load(path: path)
        let silence = [Float](repeating: 0, count: 22050 * 2)
        let count = 50
        let drift = (0..<count).map { Self.shifted(photo, dx: 0.1 * Double($0), dy: 0) }
        let drifting = dir.appendingPathComponent("drift.mp4")
        try encode({ drift[$0] }, count: count, audio: silence, sampleRate: 22050, placement: nil, to: drifting)
        let slow = try Self.engine.measureQuality(QualityRequest(videoPath: drifting.path, sourcePath: path)).report
        #expect(slow.jitter.pairs >= 45)
        // 0.1 px per frame at 512 px (the astronaut is 512 wide).
        #expect(slow.jitter.mean > 0.05 && slow.jitter.mean < 0.2, "drift of 0.1 px/frame measured as \(slow.jitter.mean)")
        #expect(slow.checks.first { $0.metric == "temporal jitter" }?.pass == true)

        var rng = SeededRandom(seed: 3)
        let jumps = (0..<count).map { _ in Self.shifted(photo, dx: Double(Int(rng.next() % 3) - 1), dy: Double(Int(rng.next() % 3) - 1)) }
        let jumping = dir.appendingPathComponent("jumps.mp4")
        try encode({ jumps[$0] }, count: count, audio: silence, sampleRate: 22050, placement: nil, to: jumping)
        let shaky = try Self.engine.measureQuality(QualityRequest(videoPath: jumping.path, sourcePath: path)).report
        #expect(shaky.jitter.mean > 0.5, "random one-pixel jumps measured as \(shaky.jitter.mean)")
        #expect(shaky.checks.first { $0.metric == "temporal jitter" }?.pass == false)
    }

    /// A mouth made to open on a known schedule, with the sound of that schedule shifted by a known lag.
    @Test(arguments: [0.12, -0.12, 0.0])
    func syncOffsetIsFoundWithinOneFrame(lag: Double) throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Fixtures.path("astronaut.png")
        let photo = try Photo.load(path: path)
        let face = try #require(try Self.engine.faceAnalyzer().detectFaces(in: photo).first)
        let renderer = FaceRenderer(rig: Rig(canvasWidth: 512, canvasHeight: 512, landmarks: face.landmarks), base: photo)

        // Open/closed schedule: bursts of 120–320 ms separated by 160–420 ms, for 8 s.
        var rng = SeededRandom(seed: 42)
        var bursts: [(Double, Double)] = []
        var t = 0.3
        while t < 7.5 {
            let d = 0.12 + 0.2 * rng.unit()
            bursts.append((t, t + d))
            t += d + 0.16 + 0.26 * rng.unit()
        }
        func open(_ t: Double) -> Bool { bursts.contains { t >= $0.0 && t < $0.1 } }
        let count = 200
        let sampleRate = 16_000
        // Sound: noise during each burst, shifted by `lag` (positive = sound after the mouth).
        var noise = SeededRandom(seed: 7)
        let audio = (0..<(count * sampleRate / 25)).map { i -> Float in
            let ts = Double(i) / Double(sampleRate) - lag
            return open(ts) ? Float(0.5 * (2 * noise.unit() - 1)) : 0
        }
        let video = dir.appendingPathComponent("schedule.mp4")
        try encode({ i in
            var p = RigParams()
            p.jawOpen = open(Double(i) / 25) ? 0.9 : 0
            return renderer.render(p)
        }, count: count, audio: audio, sampleRate: sampleRate, placement: nil, to: video)

        let r = try Self.engine.measureQuality(QualityRequest(videoPath: video.path, sourcePath: path)).report
        let sync = try #require(r.sync)
        #expect(abs(sync.offset - lag) <= 0.040, "measured \(sync.offset) s for a true lag of \(lag) s")
        #expect(sync.strength > 0.6, "r = \(sync.strength)")
    }

    /// When the followed face cannot be found (here it is painted over for the second half), qa reports it
    /// missing: it never measures somebody else elsewhere in the picture instead.
    @Test func aLostFaceIsMissingNotReplacedByAnotherPerson() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Fixtures.path("two_faces_large.jpg")
        let photo = try Photo.load(path: path)
        let faces = try FaceAnalyzerHolder.withDescriptor.detectFaces(in: photo)
        try #require(faces.count == 2)
        let followed = faces[0]  // the largest: what qa follows in a video without a placement
        var covered = photo
        let b = followed.box
        for y in max(0, Int(b.y - 0.3 * b.height))..<min(photo.height, Int(b.y + 1.3 * b.height)) {
            for x in max(0, Int(b.x - 0.3 * b.width))..<min(photo.width, Int(b.x + 1.3 * b.width)) { covered[x, y] = (128, 128, 128) }
        }
        let video = dir.appendingPathComponent("lost.mp4")
        try encode({ $0 < 25 ? photo : covered }, count: 50, audio: [Float](repeating: 0, count: 32_000), sampleRate: 16_000,
                   placement: nil, to: video)
        let r = try Self.engine.measureQuality(QualityRequest(videoPath: video.path, sourcePath: path)).report
        #expect(abs(r.facePresent - 0.5) < 0.05, "face present \(r.facePresent)")
        let identity = try #require(r.identity)
        #expect(identity.max < 0.2, "only the followed face is measured: \(identity.max)")
    }

    /// Identity distance against an independent computation: the mirrored photo, measured directly with dlib.
    @Test func identityMatchesADirectDescriptorComputation() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Fixtures.path("astronaut.png")
        let photo = try Photo.load(path: path)
        var mirrored = photo
        for y in 0..<photo.height { for x in 0..<photo.width { mirrored[x, y] = photo[photo.width - 1 - x, y] } }
        let video = dir.appendingPathComponent("mirrored.mp4")
        try encode({ _ in mirrored }, count: 50, audio: [Float](repeating: 0, count: 32_000), sampleRate: 16_000, placement: nil, to: video)

        let r = try Self.engine.measureQuality(QualityRequest(videoPath: video.path, sourcePath: path)).report
        let identity = try #require(r.identity)

        // Independently: descriptors of the photo and of the mirrored photo (not the decoded video).
        let analyzer = FaceAnalyzerHolder.withDescriptor
        let a = try #require(try analyzer.detectFaces(in: photo).first)
        let b = try #require(try analyzer.detectFaces(in: mirrored).first)
        let da = try analyzer.descriptor(in: photo, landmarks: a.landmarks)
        let db = try analyzer.descriptor(in: mirrored, landmarks: b.landmarks)
        let direct = zip(da, db).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        #expect(direct > 0.1 && direct < 0.35, "mirrored astronaut, direct: \(direct)")  // NOTES.md: 0.199
        #expect(abs(identity.mean - direct) < 0.04, "qa \(identity.mean) vs direct \(direct)")
    }

    @Test func renderReportWritesJSONAndAChartWithBothCurves() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("talk.mp4").path
        let run = try Fixtures.runCLI(["render", try Fixtures.path("astronaut.png"), "-o", out, "--report", "--seed", "4",
                                       "--text", "Maybe we meet by the big map at the pub. Papa and Bob wave. A boat, a pipe, a bump; then home again."])
        #expect(run.status == 0, "\(run.stderr)")
        let base = (out as NSString).deletingPathExtension
        let report = try JSONDecoder().decode(QualityReportJSON.self, from: Data(contentsOf: URL(fileURLWithPath: base + ".qa.json")))
        #expect(report.facePresent == 1)
        // The same person (< 0.6); the 0.25 target is the renderer's job, measured in issue notes, not asserted here.
        #expect((report.identity?.mean ?? 1) < 0.6)
        #expect((report.sync?.strength ?? 0) > 0.2, "a render's mouth follows its voice: \(report.sync?.strength ?? .nan)")
        #expect(abs(report.sync?.offset ?? 1) <= 0.080)
        #expect((report.bilabials?.count ?? 0) >= 8)
        #expect(report.checks.count >= 8)

        let chart = try PhotoDecoder.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: base + ".qa.png"))), name: "chart")
        #expect(chart.width >= 800 && chart.height >= 300)
        var blue = 0, orange = 0
        for y in 0..<chart.height {
            for x in 0..<chart.width {
                let (r, g, b) = chart[x, y]
                if b > 150 && r < 100 { blue += 1 }
                if r > 200 && g > 80 && g < 180 && b < 80 { orange += 1 }
            }
        }
        #expect(blue > 200 && orange > 200, "blue \(blue), orange \(orange) pixels")
        #expect(run.stdout.contains("PASS") || run.stdout.contains("FAIL"))
    }

    /// `render --report` also writes the contact sheet: the source face and five moments, each tile showing a face, and
    /// the report lists every decoded frame's measurements.
    @Test func renderReportWritesAContactSheetAndThePerFrameSeries() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("pam.mp4").path
        let run = try Fixtures.runCLI(["render", try Fixtures.path("grace_hopper.jpg"), "-o", out, "--report", "-q", "--seed", "3",
                                       "--text", "Good morning! Pam and Bob will bring five boxes of paper to the harbour, and then we have a long coffee."])
        #expect(run.status == 0, "\(run.stderr)")
        let base = (out as NSString).deletingPathExtension

        struct Report: Decodable {
            struct Frame: Decodable { var time: Double; var mouthOpening: Double?; var eyeAspectRatio: Double?; var yaw: Double? }
            var fps: Double
            var frames: Int
            var facePresent: Double
            var perFrame: [Frame]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: base + ".qa.json")))
        let probed = try #require(try MediaProbe.probe(out).video?.frameCount)
        #expect(report.frames == probed && report.perFrame.count == probed, "\(report.perFrame.count) entries, \(probed) frames")
        for (i, f) in report.perFrame.enumerated() {
            #expect(abs(f.time - Double(i) / report.fps) < 1e-9)
            #expect(f.mouthOpening != nil && f.eyeAspectRatio != nil && f.yaw != nil, "frame \(i) has a face")
        }
        // The mouth series agrees with dlib fitted independently in each decoded frame, in the box a whole-image
        // search finds (this video is small enough to be searched at full resolution). qa follows the face in a
        // window; a window searched scaled down gave boxes 10 px off, and closed lips read as open (0.15–0.22 where
        // this gives 0.01).
        let stream = try #require(try MediaProbe.probe(out).video)
        let reader = try VideoFrameReader(path: out, width: try #require(stream.width), height: try #require(stream.height))
        var differences: [Double] = [], farFrames: [String] = [], i = 0
        while let frame = try reader.next(), i < report.perFrame.count {
            if let direct = try FaceAnalyzerHolder.withDescriptor.detectFaces(in: frame).first?.landmarks.mouthOpening,
               let measured = report.perFrame[i].mouthOpening {
                differences.append(abs(direct - measured))
                if abs(direct - measured) > 0.06 {
                    farFrames.append("frame \(i): \((direct * 1000).rounded() / 1000) vs \((measured * 1000).rounded() / 1000)")
                }
            }
            i += 1
        }
        #expect(differences.count > report.perFrame.count * 9 / 10)
        // dlib's fit moves with the box, so the two disagree by up to ~0.08 on a few frames (4 of 130 over 0.06, none
        // over 0.10 at c1f8321). The scaled-down window disagreed more and further: 10 over 0.06, 4 over 0.10.
        let far = differences.filter { $0 > 0.06 }.count, veryFar = differences.filter { $0 > 0.10 }.count
        #expect(far <= differences.count / 20 && veryFar <= 1,
                "\(far) of \(differences.count) frames differ by more than 0.06, \(veryFar) by more than 0.10 (whole image vs qa): \(farFrames)")

        let sheet = try PhotoDecoder.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: base + ".sheet.png"))), name: "sheet")
        let expected = ContactSheet.size(tiles: 6, notes: 0)   // source, vowel, p/b/m, f/v, blink, head turn; nothing missing
        #expect(sheet.width == expected.width && sheet.height == expected.height, "\(sheet.width)×\(sheet.height)")
        let analyzer = try Self.engine.faceAnalyzer()
        for k in 0..<6 {
            let (x, y) = ContactSheet.origin(ofTile: k)
            let tile = sheet.cropped(x: x, y: y, width: ContactSheet.tileSize, height: ContactSheet.tileSize)
            let faces = try analyzer.detectFaces(in: tile)
            #expect(faces.count == 1, "tile \(k) shows the face")
            // Cropped to twice the face: the face is about half the tile (the whole 512×600 frame would make it ~0.36).
            let share = (faces.first?.box.width ?? 0) / Double(ContactSheet.tileSize)
            #expect(share > 0.42 && share < 0.6, "tile \(k): face \(share) of the tile")
        }
    }

    /// qa on `facecast render` output finds the blinks the performance scheduled. Rendered and measured through the
    /// CLI: espeak-ng keeps state between syntheses inside one process, so an in-process render would shift the
    /// speech (and with it the blinks) depending on which tests ran before. (On frontal_face, a smiling face with
    /// narrow eyes, dlib reads the closed lids as open: a known limit of the measurement there, see the README.)
    @Test func renderedBlinksAreFound() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let photo = try Fixtures.path("large_face.jpg")
        let video = dir.appendingPathComponent("news.mp4").path
        let timeline = dir.appendingPathComponent("news.json").path
        let report = dir.appendingPathComponent("news.qa.json").path
        let render = try Fixtures.runCLI(["render", photo, "--crop", "384", "--seed", "5", "-q", "--timeline", timeline, "-o", video,
            "--text", "Good evening. Tonight we look at the weather, the markets, and a very small dog who became mayor of a very small town. Stay with us."])
        #expect(render.status == 0, "\(render.stderr)")
        let qa = try Fixtures.runCLI(["qa", video, "--source", photo, "--timeline", timeline, "--json", report, "-q"])
        #expect(qa.status == 0, "\(qa.stderr)")
        struct Doc: Decodable { var blinks: [Blink] }
        let scheduled = try JSONDecoder().decode(Doc.self, from: Data(contentsOf: URL(fileURLWithPath: timeline))).blinks
        let r = try JSONDecoder().decode(QualityReport.self, from: Data(contentsOf: URL(fileURLWithPath: report)))
        #expect(!scheduled.isEmpty)
        #expect(abs(r.blinks.count - scheduled.count) <= 1,
                "found \(r.blinks.map { ($0.start, $0.duration) }), scheduled \(scheduled.map { ($0.start, $0.duration) })")
        #expect(r.facePresent == 1)
        #expect((r.sync?.strength ?? 0) > 0.2, "sync strength \(r.sync?.strength ?? .nan)")
    }
}

/// The fields of the report JSON the tests read (decoded independently of the Swift type).
struct QualityReportJSON: Decodable {
    struct Identity: Decodable { var mean: Double; var max: Double }
    struct Sync: Decodable { var offset: Double; var strength: Double }
    struct Check: Decodable { var metric: String; var pass: Bool? }
    var facePresent: Double
    var identity: Identity?
    var sync: Sync?
    var bilabials: [BilabialClosure]?
    var checks: [Check]
}

enum FaceAnalyzerHolder {
    /// A separate analyzer with the descriptor network, loaded once for these tests.
    static let withDescriptor: FaceAnalyzer = {
        let analyzer = try! FaceAnalyzer()
        try! analyzer.loadDescriptorModel(path: Models.locate(Models.faceDescriptor)!)
        return analyzer
    }()
}
