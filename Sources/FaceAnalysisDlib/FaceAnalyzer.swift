import CDlibShim
import FacecastCore
import Synchronization

/// A face found in a photo.
public struct DetectedFace: Sendable, Hashable, Codable {
    public var box: Rect
    public var score: Double
    public var landmarks: FaceLandmarks
}

/// What can go wrong inside dlib, with the C function that failed.
public struct DlibError: Error, CustomStringConvertible, Sendable {
    public var function: String
    public var message: String
    public var description: String { "dlib \(function) failed: \(message)" }
}

/// Owns one dlib detector + shape predictor (and optionally the descriptor network).
/// dlib handles are not thread-safe, so every call takes the lock; load once per process (~1.3 s).
public final class FaceAnalyzer: Sendable {
    private let handle: Mutex<OpaquePointer>
    private let descriptorLoaded: Mutex<Bool>
    public var hasDescriptorModel: Bool { descriptorLoaded.withLock { $0 } }

    /// Detector scores below this count as marginal.
    public static let marginalScore = 0.05

    public static let defaultShapeModelPath = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat"

    public init(shapeModelPath: String = FaceAnalyzer.defaultShapeModelPath, descriptorModelPath: String? = nil) throws {
        let raw = try withErrorBuffer("fc_dlib_create") { err, len in
            fc_dlib_create(shapeModelPath, err, len)
        }
        if let descriptorModelPath {
            do {
                try checkZero("fc_dlib_load_descriptor_model") { err, len in
                    fc_dlib_load_descriptor_model(raw, descriptorModelPath, err, len)
                }
            } catch {
                fc_dlib_destroy(raw)
                throw error
            }
        }
        handle = Mutex(raw)
        descriptorLoaded = Mutex(descriptorModelPath != nil)
    }

    /// Loads dlib's face descriptor network into this analyzer (about 0.3 s), if it is not loaded yet.
    public func loadDescriptorModel(path: String) throws {
        try descriptorLoaded.withLock { loaded in
            guard !loaded else { return }
            try handle.withLock { h in
                try checkZero("fc_dlib_load_descriptor_model") { err, len in fc_dlib_load_descriptor_model(h, path, err, len) }
            }
            loaded = true
        }
    }

    deinit {
        handle.withLock { fc_dlib_destroy($0) }
    }

    /// All faces in the image, largest first, each with its 68 landmarks.
    /// Large images are searched at reduced size and the landmarks fitted at full size;
    /// small images are searched at double size so faces down to ~40 px are found.
    public func detectFaces(in image: RGBImage) throws -> [DetectedFace] {
        let longSide = max(image.width, image.height)
        let scaled = try searchBoxes(in: image, scale: longSide > 1280 ? 1280.0 / Double(longSide) : 1.0, origin: .zero)
        // Marginal detections (score < 0.05) next to a confident one are texture, not faces: compression noise in a
        // patterned jacket scored 0.003 beside a real face's 1.1 in our own output.
        let best = scaled.map(\.1).max() ?? 0
        let kept = best >= 0.5 ? scaled.filter { $0.1 >= Self.marginalScore } : scaled
        return try kept
            .sorted { $0.0.area > $1.0.area }
            .map { box, score in DetectedFace(box: box, score: score, landmarks: try landmarks(in: image, box: box)) }
    }

    /// Finds the face inside `window` and fits its landmarks at full resolution; of several, the one closest to the
    /// window's centre. nil if none is there. The window is searched at full resolution: dlib's landmark fit depends
    /// on where the box sits on the face, and a box found on a scaled-down picture sits elsewhere (a search scaled to
    /// a 120 px face put grace_hopper's box 10 px off, and dlib then read her closed lips as open, 0.15–0.22 eye
    /// distances, where a full-resolution box gives 0.01).
    public func detectFace(in image: RGBImage, window: Rect) throws -> DetectedFace? {
        let x0 = max(0, Int(window.x)), y0 = max(0, Int(window.y))
        let x1 = min(image.width, Int(window.maxX)), y1 = min(image.height, Int(window.maxY))
        guard x1 - x0 >= 16, y1 - y0 >= 16 else { return nil }
        let region = image.cropped(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
        let mapped = try searchBoxes(in: region, scale: 1, origin: Point(Double(x0), Double(y0)))
        let c = window.center
        guard let (box, score) = mapped.min(by: { $0.0.center.distance(to: c) < $1.0.center.distance(to: c) }) else { return nil }
        return DetectedFace(box: box, score: score, landmarks: try landmarks(in: image, box: box))
    }

    /// Face boxes in `image` searched at `scale` (≤ 1), at double size if none is found, mapped back to the
    /// coordinates of the picture `image` was cut from at `origin`.
    private func searchBoxes(in image: RGBImage, scale: Double, origin: Point) throws -> [(Rect, Double)] {
        let search = scale < 1
            ? image.resized(width: max(1, Int(Double(image.width) * scale)), height: max(1, Int(Double(image.height) * scale)))
            : image
        var found = try detect(in: search, upsample: 0)
        if found.isEmpty { found = try detect(in: search, upsample: 1) }
        return found.map { b, score in
            (Rect(x: origin.x + b.x / scale, y: origin.y + b.y / scale, width: b.width / scale, height: b.height / scale), score)
        }
    }

    /// Face boxes with detector scores.
    public func detect(in image: RGBImage, upsample: Int) throws -> [(Rect, Double)] {
        let maxFaces = 64
        var boxes = [Double](repeating: 0, count: maxFaces * 4)
        var scores = [Double](repeating: 0, count: maxFaces)
        let n = try handle.withLock { h in
            try checkCount("fc_dlib_detect") { err, len in
                image.pixels.withUnsafeBufferPointer { px in
                    fc_dlib_detect(h, px.baseAddress, Int32(image.width), Int32(image.height),
                                   Int32(upsample), &boxes, &scores, Int32(maxFaces), err, len)
                }
            }
        }
        return (0..<min(n, maxFaces)).map { i in
            (Rect(x: boxes[4 * i], y: boxes[4 * i + 1], width: boxes[4 * i + 2], height: boxes[4 * i + 3]), scores[i])
        }
    }

    /// The 68 landmarks of the face inside `box`.
    public func landmarks(in image: RGBImage, box: Rect) throws -> FaceLandmarks {
        try landmarks(in: image, box: box, resolution: 1)
    }

    /// The 68 landmarks fitted on the face's neighbourhood resampled by `resolution` (e.g. 2 = twice as many pixels
    /// per side). dlib returns whole-pixel positions, so a resolution above 1 gives sub-pixel landmarks.
    public func landmarks(in image: RGBImage, box: Rect, resolution: Double) throws -> FaceLandmarks {
        // Only the neighbourhood of the face goes to dlib (a 1080×1920 frame would otherwise be converted whole).
        let (patch, origin) = Self.patch(of: image, around: box, factor: 1.6)
        let k = resolution.isFinite ? min(max(resolution, 0.25), 4) : 1
        let local = box.x - origin.x, top = box.y - origin.y
        if abs(k - 1) < 0.05 {
            let lm = try localLandmarks(in: patch, box: Rect(x: local, y: top, width: box.width, height: box.height))
            return FaceLandmarks(box: box, points: lm.points.map { $0 + origin })
        }
        let w = max(1, Int((Double(patch.width) * k).rounded())), h = max(1, Int((Double(patch.height) * k).rounded()))
        let sx = Double(w) / Double(patch.width), sy = Double(h) / Double(patch.height)
        let scaled = patch.resized(width: w, height: h)
        let lm = try localLandmarks(in: scaled, box: Rect(x: local * sx, y: top * sy, width: box.width * sx, height: box.height * sy))
        // Pixel centres: x_scaled + 0.5 = (x + 0.5) * s.
        return FaceLandmarks(box: box, points: lm.points.map { Point(($0.x + 0.5) / sx - 0.5, ($0.y + 0.5) / sy - 0.5) + origin })
    }

    private func localLandmarks(in image: RGBImage, box: Rect) throws -> FaceLandmarks {
        var out = [Double](repeating: 0, count: 136)
        let b = [box.x, box.y, box.width, box.height]
        try handle.withLock { h in
            try checkZero("fc_dlib_landmarks") { err, len in
                image.pixels.withUnsafeBufferPointer { px in
                    fc_dlib_landmarks(h, px.baseAddress, Int32(image.width), Int32(image.height),
                                      b, &out, err, len)
                }
            }
        }
        return FaceLandmarks(box: box, points: (0..<68).map { Point(out[2 * $0], out[2 * $0 + 1]) })
    }

    /// dlib's 128-D face descriptor (needs the descriptor model). Distances < 0.6 mean "same person".
    public func descriptor(in image: RGBImage, landmarks: FaceLandmarks) throws -> [Double] {
        let (patch, origin) = Self.patch(of: image, around: landmarks.box, factor: 2.4)
        return try localDescriptor(in: patch, points: landmarks.points.map { $0 - origin })
    }

    private func localDescriptor(in image: RGBImage, points: [Point]) throws -> [Double] {
        var out = [Double](repeating: 0, count: 128)
        let flat = points.flatMap { [$0.x, $0.y] }
        try handle.withLock { h in
            try checkZero("fc_dlib_descriptor") { err, len in
                image.pixels.withUnsafeBufferPointer { px in
                    fc_dlib_descriptor(h, px.baseAddress, Int32(image.width), Int32(image.height),
                                       flat, &out, err, len)
                }
            }
        }
        return out
    }
}

extension FaceAnalyzer {
    /// A square crop `factor` times the box's size around its centre (clamped to the image) and its top-left corner.
    static func patch(of image: RGBImage, around box: Rect, factor: Double) -> (RGBImage, Point) {
        let side = factor * max(box.width, box.height)
        let c = box.center
        let x0 = max(0, Int(c.x - side / 2)), y0 = max(0, Int(c.y - side / 2))
        let x1 = min(image.width, Int((c.x + side / 2).rounded(.up))), y1 = min(image.height, Int((c.y + side / 2).rounded(.up)))
        guard x1 - x0 >= 8, y1 - y0 >= 8, (x0, y0, x1, y1) != (0, 0, image.width, image.height) else { return (image, .zero) }
        return (image.cropped(x: x0, y: y0, width: x1 - x0, height: y1 - y0), Point(Double(x0), Double(y0)))
    }
}

// MARK: - Checked calls: turn C return codes into typed errors that name the C function.

private func withErrorBuffer<T>(_ function: String, _ body: (UnsafeMutablePointer<CChar>, Int32) -> T?) throws -> T {
    var buffer = [CChar](repeating: 0, count: 512)
    let result = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, Int32($0.count)) }
    guard let result else { throw DlibError(function: function, message: String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)) }
    return result
}

private func checkZero(_ function: String, _ body: (UnsafeMutablePointer<CChar>, Int32) -> Int32) throws {
    _ = try withErrorBuffer(function) { err, len in body(err, len) == 0 ? () : nil }
}

private func checkCount(_ function: String, _ body: (UnsafeMutablePointer<CChar>, Int32) -> Int32) throws -> Int {
    try withErrorBuffer(function) { err, len in
        let n = body(err, len)
        return n >= 0 ? Int(n) : nil
    }
}
