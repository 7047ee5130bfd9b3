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
    public let hasDescriptorModel: Bool

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
        hasDescriptorModel = descriptorModelPath != nil
    }

    deinit {
        handle.withLock { fc_dlib_destroy($0) }
    }

    /// All faces in the image, largest first, each with its 68 landmarks.
    /// Large images are searched at reduced size and the landmarks fitted at full size;
    /// small images are searched at double size so faces down to ~40 px are found.
    public func detectFaces(in image: RGBImage) throws -> [DetectedFace] {
        let longSide = max(image.width, image.height)
        let searchScale = longSide > 1280 ? 1280.0 / Double(longSide) : 1.0
        let searchImage = searchScale < 1
            ? image.resized(width: max(1, Int(Double(image.width) * searchScale)),
                            height: max(1, Int(Double(image.height) * searchScale)))
            : image
        var boxes = try detect(in: searchImage, upsample: 0)
        if boxes.isEmpty && max(searchImage.width, searchImage.height) <= 1280 {
            boxes = try detect(in: searchImage, upsample: 1)
        }
        let scaled = boxes.map { b in
            (Rect(x: b.0.x / searchScale, y: b.0.y / searchScale,
                  width: b.0.width / searchScale, height: b.0.height / searchScale), b.1)
        }
        // Marginal detections (score < 0.05) next to a confident one are texture, not faces: compression noise in a
        // patterned jacket scored 0.003 beside a real face's 1.1 in our own output.
        let best = scaled.map(\.1).max() ?? 0
        let kept = best >= 0.5 ? scaled.filter { $0.1 >= Self.marginalScore } : scaled
        return try kept
            .sorted { $0.0.area > $1.0.area }
            .map { box, score in DetectedFace(box: box, score: score, landmarks: try landmarks(in: image, box: box)) }
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
        var out = [Double](repeating: 0, count: 128)
        let flat = landmarks.points.flatMap { [$0.x, $0.y] }
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

// MARK: - Checked calls: turn C return codes into typed errors that name the C function.

private func withErrorBuffer<T>(_ function: String, _ body: (UnsafeMutablePointer<CChar>, Int32) -> T?) throws -> T {
    var buffer = [CChar](repeating: 0, count: 512)
    let result = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, Int32($0.count)) }
    guard let result else { throw DlibError(function: function, message: String(cString: buffer)) }
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
