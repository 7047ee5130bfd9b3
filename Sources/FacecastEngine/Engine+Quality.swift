import FaceAnalysisDlib
import FacecastCore
import Foundation
import ImageCodecs
import MediaFFmpeg

/// What `facecast qa` measures, and where it writes.
public struct QualityRequest: Sendable {
    public var videoPath: String
    public var sourcePath: String
    /// The phone timeline written by `render --timeline` (needed for bilabial closures).
    public var timelinePath: String?
    /// The timeline itself, when the caller has it in memory (takes precedence over `timelinePath`).
    public var timeline: SpeechTimeline?
    /// The blinks the performance scheduled (read from `timelinePath` when nil); the contact sheet shows one when qa
    /// measured none.
    public var scheduledBlinks: [Blink]?
    /// Also lay out a contact sheet (`QualityResult.contactSheet`).
    public var contactSheet = false
    /// Identity is measured on this many frames per second (at least 1).
    public var identitySamplesPerSecond: Double = 2

    public init(videoPath: String, sourcePath: String, timelinePath: String? = nil) {
        self.videoPath = videoPath
        self.sourcePath = sourcePath
        self.timelinePath = timelinePath
    }
}

/// The report plus the per-frame curves (for the chart).
public struct QualityResult: Sendable {
    public var report: QualityReport
    public var chart: QualityChart.Series
    /// When requested: the source face and frames of the decoded video at a vowel, p/b/m, f/v, a blink and a head turn.
    public var contactSheet: RGBImage?
    /// Things the user should know (e.g. a model is missing, so a metric is not measured).
    public var warnings: [String]
}

extension Engine {
    /// Measures a finished video against the photo it was made from. Everything is computed on the decoded MP4:
    /// frames are decoded again by ffmpeg and the face re-detected by dlib in every frame.
    /// Progress is reported 0…1 over the two decoding passes.
    public func measureQuality(_ request: QualityRequest, progress: @escaping @Sendable (Double) -> Void = { _ in }) throws -> QualityResult {
        var warnings: [String] = []
        let videoName = (request.videoPath as NSString).lastPathComponent
        guard FileManager.default.fileExists(atPath: request.videoPath) else {
            throw FacecastError(.input, "Video \(request.videoPath) does not exist. Check the path.")
        }
        let probe: MediaProbe
        do { probe = try MediaProbe.probe(request.videoPath) } catch {
            throw FacecastError(.input, "\(videoName) is not a video ffmpeg can read: \(error)")
        }
        guard let video = probe.video, let width = video.width, let height = video.height, width > 0, height > 0 else {
            throw FacecastError(.input, "\(videoName) has no video stream.")
        }
        let fps = video.frameRate.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? 25
        // The timeline file supplies what the caller did not pass in memory.
        let file = request.timeline != nil && request.scheduledBlinks != nil ? nil : try request.timelinePath.map(Self.readTimeline)
        let timeline = request.timeline ?? file?.timeline
        let scheduledBlinks = request.scheduledBlinks ?? file?.blinks ?? []

        // The source photo and its face, mapped into the video frame.
        let photo = try Photo.load(path: request.sourcePath)
        let analyzer = try faceAnalyzer()
        let sourceFaces: [DetectedFace]
        do { sourceFaces = try analyzer.detectFaces(in: photo) } catch { throw FacecastError.wrap(error) }
        guard !sourceFaces.isEmpty else {
            throw FacecastError(.noFace, "No face found in the source photo \((request.sourcePath as NSString).lastPathComponent).")
        }
        let placement = Placement(metadata: probe.tags["description"] ?? "")
            .flatMap { $0.width == width && $0.height == height ? $0 : nil }
        if placement == nil {
            warnings.append("\(videoName) carries no Facecast placement; the source photo is aligned to the video by its landmarks (background stability is approximate).")
        }

        let descriptorPath = Models.locate(Models.faceDescriptor)
        if let descriptorPath {
            do { try analyzer.loadDescriptorModel(path: descriptorPath) } catch { throw FacecastError.wrap(error) }
        } else {
            warnings.append("The face descriptor model (\(Models.faceDescriptor)) was not found, so identity is not measured. Run `make bootstrap` or set FACECAST_MODELS to its folder.")
        }

        // Audio: loudness (RMS, 10 ms hop) for sync and silence.
        let hop = 0.010
        let sampleRate = 16_000
        let samples: [Float]
        do { samples = probe.audio == nil ? [] : try AudioDecoder.decodeMono(path: request.videoPath, sampleRate: sampleRate) } catch {
            throw FacecastError.wrap(error)
        }
        let loudness = samples.isEmpty ? [] : LoudnessEnvelope.frameRMS(samples: samples, sampleRate: sampleRate, hop: hop)

        // Pass 1: find and track the face through every frame; identity descriptors on a sample of frames.
        let expected = max(1, video.frameCount ?? Int(((video.duration ?? probe.duration ?? 1) * fps).rounded()))
        let sampleEvery = max(1, Int((fps / max(1, request.identitySamplesPerSecond)).rounded(.down)))
        var detections: [DetectedFace?] = []
        var distanceAt: [Int: Double] = [:]
        var sourceDescriptor: [Double]?
        var sourceFace: DetectedFace?
        var reference: RGBImage?
        do {
            let reader = try VideoFrameReader(path: request.videoPath, width: width, height: height)
            var tracker = FaceTracker()
            // The first time, the face that is where the source face was put (or the largest).
            let anchor = placement?.face?.center ?? placement.flatMap { pl in sourceFaces.first.map { pl.map($0.landmarks).box.center } }
            while let frame = try reader.next() {
                let found = try tracker.track(frame, analyzer: analyzer, anchor: anchor)
                if let f = found, sourceFace == nil {
                    sourceFace = Self.matchingSourceFace(sourceFaces, to: f.landmarks, placement: placement)
                    if let sf = sourceFace {
                        reference = placement?.canvas(from: photo)
                            ?? Self.alignedReference(photo: photo, source: sf.landmarks, frame: f.landmarks, width: width, height: height)
                        // Source and frames get their descriptors the same way: landmarks fitted in the detector's box.
                        if analyzer.hasDescriptorModel { sourceDescriptor = try analyzer.descriptor(in: photo, landmarks: sf.landmarks) }
                    }
                }
                // The descriptor is sensitive to the landmark fit, which depends on the detector's box: sampled frames are
                // searched whole, exactly as the source photo was, so both faces are aligned the same way.
                if let f = found, let sd = sourceDescriptor, detections.count % sampleEvery == 0 {
                    // Only the tracked face itself (centre within a third of its width); never a neighbour.
                    let same = try analyzer.detectFaces(in: frame)
                        .filter { $0.box.center.distance(to: f.box.center) < f.box.width / 3 }
                        .min { $0.box.center.distance(to: f.box.center) < $1.box.center.distance(to: f.box.center) }
                    let d = try analyzer.descriptor(in: frame, landmarks: (same ?? f).landmarks)
                    let distance = zip(d, sd).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
                    distanceAt[detections.count] = distance
                }
                detections.append(found)
                progress(0.3 * min(1, Double(detections.count) / Double(expected)))
            }
        } catch { throw FacecastError.wrap(error) }
        guard !detections.isEmpty else { throw FacecastError(.input, "\(videoName) has no decodable frames.") }
        let frameCount = detections.count

        // Pass 2: landmarks for the measurements, fitted in the detector's box taken as a median over ±5 frames (the box
        // jumps between pyramid scales from frame to frame and would move all 68 points with it), on the face resampled
        // so one pixel is 1/4 px at 512 px (dlib returns whole pixels). Background PSNR.
        let boxes = Self.smoothedBoxes(detections.map { $0?.box }, radius: 5)
        let scale512 = 512 / Double(max(width, height))
        let resolution = 4 * scale512
        let label = DisclosureLabel(frameWidth: width, frameHeight: height).box
        let mask = BackgroundMask(
            width: width, height: height,
            faces: detections.compactMap { $0?.landmarks } + (sourceFace.flatMap { sf in placement.map { [$0.map(sf.landmarks)] } } ?? []),
            excluded: [Rect(x: Double(label.x), y: Double(label.y), width: Double(label.width), height: Double(label.height))])
        var tracks: [FaceLandmarks?] = []
        // Jitter: the picture's motion at the stable landmarks from each frame to the next (see PatchTracker).
        var motions: [Double?] = []
        var previous: RGBImage?
        var psnrSum = 0.0, psnrCount = 0
        // Face detail: the Laplacian's variance in each frame's face box (see QualityReport.FaceDetail).
        var detail: [(box: Rect, value: Double)] = []
        // The contact sheet's frames are taken from this pass (no third decode).
        var sheetFrames = !request.contactSheet ? nil : ContactSheetCollector(
            picker: ContactSheetPicker(timeline: timeline, scheduledBlinks: scheduledBlinks, fps: fps, frameCount: frameCount),
            face: placement?.face ?? detections.lazy.compactMap { $0?.box }.first, width: width, height: height)
        do {
            let reader = try VideoFrameReader(path: request.videoPath, width: width, height: height)
            while let frame = try reader.next(), tracks.count < frameCount {
                let i = tracks.count
                var landmarks: FaceLandmarks?
                if let box = boxes[i] {
                    landmarks = try analyzer.landmarks(in: frame, box: box, resolution: resolution)
                }
                motions.append(previous.flatMap { p in
                    tracks.last.flatMap { $0 }.flatMap { JitterAnalysis.trackedMotion(from: p, to: frame, landmarks: $0, scale: scale512) } })
                previous = frame
                tracks.append(landmarks)
                sheetFrames?.observe(frame, index: i, landmarks: landmarks)
                if let reference, let p = ImageQuality.psnr(frame, reference, mask: mask) {
                    psnrSum += p
                    psnrCount += 1
                }
                if let box = boxes[i], let v = ImageQuality.laplacianVariance(frame, in: box) { detail.append((box, v)) }
                progress(0.3 + 0.6 * min(1, Double(i + 1) / Double(frameCount)))
            }
        } catch { throw FacecastError.wrap(error) }
        while tracks.count < frameCount { tracks.append(nil) }
        while motions.count < frameCount { motions.append(nil) }

        let mouth = tracks.map { $0?.mouthOpening }
        let ear = tracks.map { $0?.eyeAspectRatio }
        let present = Double(detections.compactMap { $0 }.count) / Double(frameCount)

        // Background stability: the video's PSNR against a still encode of the reference (codec loss alone).
        var background: QualityReport.Background?
        var faceDetail: QualityReport.FaceDetail?
        if let reference, psnrCount > 0 {
            let still = try Self.stillEncode(reference: reference, mask: mask, fps: fps, frames: frameCount)
            background = QualityReport.Background(video: psnrSum / Double(psnrCount), still: still.psnr, backgroundFraction: mask.backgroundFraction)
            // The still encode measured in the same boxes as the frames (the smoothed boxes repeat: each once).
            if let frame = still.frame, !detail.isEmpty {
                var byBox: [Rect: Double] = [:]
                for box in Set(detail.map(\.box)) { byBox[box] = ImageQuality.laplacianVariance(frame, in: box) }
                let stillDetail = detail.compactMap { byBox[$0.box] }
                if stillDetail.count == detail.count {
                    faceDetail = QualityReport.FaceDetail(video: detail.map(\.value).reduce(0, +) / Double(detail.count),
                                                          still: stillDetail.reduce(0, +) / Double(stillDetail.count))
                }
            }
        }
        progress(0.95)

        let sync = loudness.isEmpty ? nil : SyncMeasurement.measure(mouth: mouth, fps: fps, loudness: loudness, hop: hop)
        let blinks = BlinkAnalysis.detect(ear: ear, fps: fps)
        let bilabials = timeline.map { BilabialAnalysis.measure(phones: $0.phones, mouth: mouth, fps: fps) }
        let silent = loudness.isEmpty
            ? [Bool](repeating: true, count: frameCount)
            : JitterAnalysis.stillFrames(frameCount: frameCount, fps: fps, loudness: loudness, hop: hop)
        // Blinks (measured, and scheduled ones dlib may have missed) are intended motion, not jitter.
        let blinkWindows = blinks.map { (start: $0.start, end: $0.end) } + scheduledBlinks.map { (start: $0.start, end: $0.end) }
        let still = JitterAnalysis.excludingBlinks(silent, blinks: blinkWindows, fps: fps)
        let jitter = JitterAnalysis.measure(motions: motions, still: still)
        // Sampled frames without a face are not in the identity numbers; face presence reports them.
        let identity = QualityReport.Identity(
            samples: distanceAt.sorted { $0.key < $1.key }.map { (time: Double($0.key) / fps, distance: $0.value) },
            blinks: blinkWindows)

        let report = QualityReport(
            video: request.videoPath, source: request.sourcePath, width: width, height: height, fps: fps, frames: frameCount,
            videoDuration: video.duration ?? Double(frameCount) / fps, audioDuration: probe.audio?.duration ?? 0,
            identity: identity, facePresent: present, sync: sync, bilabials: bilabials, blinks: blinks,
            background: background, faceDetail: faceDetail, jitter: jitter, targets: .standard,
            perFrame: tracks.indices.map { i in
                QualityReport.FrameSample(time: Double(i) / fps, mouthOpening: mouth[i], eyeAspectRatio: ear[i],
                                          yaw: tracks[i]?.roughPose.yaw, identityDistance: distanceAt[i],
                                          motion: motions[i],
                                          still: i < still.count && still[i])
            })
        let series = QualityChart.Series(
            fps: fps, mouth: mouth, loudness: loudness, hop: hop, blinks: blinks, bilabials: bilabials ?? [],
            syncOffset: sync?.offset, title: "\(videoName): mouth opening and loudness")
        let sheet = sheetFrames?.sheet(title: "\(videoName): contact sheet", reference: reference, photo: photo,
                                       photoFace: sourceFaces[0].box, measuredBlinks: blinks)
        progress(1)
        return QualityResult(report: report, chart: series, contactSheet: sheet, warnings: warnings)
    }

    /// Writes the report as JSON, the chart and the contact sheet (when the result has one) as PNG, each atomically;
    /// nil paths are skipped.
    public func write(_ result: QualityResult, json: String?, chart: String?, sheet: String? = nil) throws {
        if let json { try Self.writeJSON(result.report, to: json, what: "the quality report") }
        if let chart { try Self.writePNG(QualityChart.render(result.chart), to: chart, what: "the quality chart") }
        if let sheet, let image = result.contactSheet { try Self.writePNG(image, to: sheet, what: "the contact sheet") }
    }

    static func writePNG(_ image: RGBImage, to path: String, what: String) throws {
        do {
            try Data(PNGEncoder.encode(image)).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FacecastError(.output, "Cannot write \(what) to \(path): \(error)")
        }
    }

    /// Reads `render --timeline` JSON (`{"timeline": …, "blinks": …}`, blinks nil if absent) or a bare timeline.
    static func readTimeline(_ path: String) throws -> (timeline: SpeechTimeline, blinks: [Blink]?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FacecastError(.input, "Timeline \(path) cannot be read. Write one with `facecast render --timeline FILE`.")
        }
        struct Document: Decodable { var timeline: SpeechTimeline; var blinks: [Blink]? }
        if let doc = try? JSONDecoder().decode(Document.self, from: data) { return (doc.timeline, doc.blinks) }
        do { return (try JSONDecoder().decode(SpeechTimeline.self, from: data), nil) } catch {
            throw FacecastError(.input, "\(path) is not a Facecast timeline (expected the JSON `facecast render --timeline` writes): \(error)")
        }
    }

    /// The source face that lands where the video's face is.
    static func matchingSourceFace(_ faces: [DetectedFace], to frame: FaceLandmarks, placement: Placement?) -> DetectedFace? {
        guard let placement else { return faces.first }
        let c = frame.box.center
        return faces.min { placement.map($0.landmarks).box.center.distance(to: c) < placement.map($1.landmarks).box.center.distance(to: c) }
    }

    /// For videos without a placement: the photo scaled and shifted so its face lands on the video's face
    /// (least-squares scale + translation over the 68 landmarks).
    static func alignedReference(photo: RGBImage, source: FaceLandmarks, frame: FaceLandmarks, width: Int, height: Int) -> RGBImage {
        let ps = source.points, qs = frame.points
        let pc = Point.centroid(ps), qc = Point.centroid(qs)
        var num = 0.0, den = 0.0
        for (p, q) in zip(ps, qs) {
            let a = p - pc, b = q - qc
            num += a.x * b.x + a.y * b.y
            den += a.x * a.x + a.y * a.y
        }
        let s = den > 0 ? num / den : 1
        var out = RGBImage(width: width, height: height)
        photo.pixels.withUnsafeBufferPointer { src in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height {
                    for x in 0..<width {
                        let fx = (Double(x) - qc.x) / s + pc.x, fy = (Double(y) - qc.y) / s + pc.y
                        RGBImage.bilinear(src, photo.width, photo.height, fx, fy, into: dst, at: (y * width + x) * 3)
                    }
                }
            }
        }
        return out
    }

    /// Mean background PSNR of a still encode of `reference` at the product's encoder settings (up to 5 s of it),
    /// and that encode's last frame.
    static func stillEncode(reference: RGBImage, mask: BackgroundMask, fps: Double, frames: Int) throws
        -> (psnr: Double, frame: RGBImage?) {
        let stillFrames = max(1, min(frames, Int(5 * fps.rounded())))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("facecast-still-\(UUID().uuidString).mp4").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let encoder = try VideoEncoder(outputPath: path, audioPath: nil,
                                           settings: EncoderSettings(width: reference.width, height: reference.height, fps: Int(fps.rounded())))
            do {
                for _ in 0..<stillFrames { try encoder.write(reference.pixels) }
                try encoder.finish()
            } catch {
                encoder.cancel()
                throw error
            }
            let reader = try VideoFrameReader(path: path, width: reference.width, height: reference.height)
            var sum = 0.0, n = 0
            var last: RGBImage?
            while let frame = try reader.next() {
                if let p = ImageQuality.psnr(frame, reference, mask: mask) { sum += p; n += 1 }
                last = frame
            }
            return (n > 0 ? sum / Double(n) : 0, last)
        } catch { throw FacecastError.wrap(error) }
    }

    /// Each box replaced by the per-coordinate median of the detected boxes within ±radius frames (a single odd
    /// detection has no effect); frames without a face stay nil.
    static func smoothedBoxes(_ boxes: [Rect?], radius: Int) -> [Rect?] {
        func median(_ xs: [Double]) -> Double {
            let s = xs.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        return boxes.indices.map { i in
            guard boxes[i] != nil else { return nil }
            let near = boxes[max(0, i - radius)...min(boxes.count - 1, i + radius)].compactMap { $0 }
            return Rect(x: median(near.map(\.x)), y: median(near.map(\.y)),
                        width: median(near.map(\.width)), height: median(near.map(\.height)))
        }
    }
}

