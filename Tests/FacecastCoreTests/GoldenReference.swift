import Foundation
import Testing
@testable import FacecastCore

/// Small reference frames in `Tests/FacecastCoreTests/Golden/`: binary PPM (P6), no codec needed.
/// `FACECAST_RECORD_GOLDEN=1` (or `make golden`) rewrites them from the current renderer.
enum GoldenReference {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    /// Where a failing comparison leaves the actual frame, the reference and the difference.
    static let failureDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("facecast-golden")
    static let recordVariable = "FACECAST_RECORD_GOLDEN"
    static var recording: Bool { ProcessInfo.processInfo.environment[recordVariable] == "1" }
    static let howToRecord = "make golden (or FACECAST_RECORD_GOLDEN=1 swift test --filter GoldenRenderTests), "
        + "look at the changed files and commit Tests/FacecastCoreTests/Golden/"

    /// Side of the square references.
    static let side = 96
    /// Tolerances, in 8-bit levels per channel, on the reference (each reference pixel averages about
    /// 4.8 x 4.8 frame pixels of the fixture's 463 px crop). Measured: nudging every pose by 0.001 jawOpen,
    /// 0.01° yaw and 0.001 blink (far below one animation step, far above floating-point noise between
    /// platforms) changes the references by a mean of ≤ 0.01 and a max of ≤ 2 levels; the subtlest pose
    /// (p/b/m) differs from neutral by a max of 44, the others by 71 to 185.
    /// - mean |difference| ≤ 1.0: a global change (colour shift, the whole face moving) of a level or two fails;
    ///   the head poses differ from neutral by 1.1 to 1.7.
    /// - max |difference| ≤ 24: a frame pixel flipping at full contrast moves a reference pixel by about 9, a lip
    ///   line (contrast ~90 levels) moving a whole pixel across a box by about 19, so scattered edge flips pass;
    ///   a contrasty feature (teeth, cavity, lash line, iris) moving by a pixel, or any pose losing its effect,
    ///   fails.
    /// `GoldenRenderTests.toleranceTellsPosesApartButNotNoise` keeps both sides of this checked.
    static let meanLimit = 1.0
    static let maxLimit = 24

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name + ".ppm") }

    /// The frame's animated crop, clamped to the canvas, box-filtered down to `side` x `side`.
    static func reduce(_ frame: RGBImage, crop: Rect) -> RGBImage {
        let x0 = max(0, Int(crop.minX)), y0 = max(0, Int(crop.minY))
        let x1 = min(frame.width, Int(crop.maxX)), y1 = min(frame.height, Int(crop.maxY))
        return frame.cropped(x: x0, y: y0, width: x1 - x0, height: y1 - y0).resized(width: side, height: side)
    }

    static func ppm(_ image: RGBImage) -> Data {
        var data = Data("P6\n\(image.width) \(image.height)\n255\n".utf8)
        data.append(contentsOf: image.pixels)
        return data
    }

    struct FormatError: Error, CustomStringConvertible {
        let url: URL
        var description: String { "\(url.path) is not a binary PPM (P6, maxval 255) as the golden tests write" }
    }

    /// Reads a P6 file as `ppm` writes it (single whitespace separators, no comments).
    static func readPPM(_ url: URL) throws -> RGBImage {
        let bytes = [UInt8](try Data(contentsOf: url))
        var fields: [String] = [], field = "", i = 0
        while fields.count < 4 && i < bytes.count {
            let c = bytes[i]
            i += 1
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                if !field.isEmpty { fields.append(field) }
                field = ""
            } else {
                field.append(Character(UnicodeScalar(c)))
            }
        }
        guard fields.count == 4, fields[0] == "P6", let w = Int(fields[1]), let h = Int(fields[2]), fields[3] == "255",
              w > 0, h > 0, bytes.count - i == w * h * 3
        else { throw FormatError(url: url) }
        return RGBImage(width: w, height: h, pixels: Array(bytes[i...]))
    }

    struct Difference {
        var mean: Double
        var max: Int
        var at: (x: Int, y: Int)
        /// |actual - expected| x 4 per channel (saturating), so one level of difference is visible.
        var image: RGBImage
        var withinTolerance: Bool { mean <= GoldenReference.meanLimit && max <= GoldenReference.maxLimit }
        var summary: String {
            "mean |difference| \((mean * 1000).rounded() / 1000) (limit \(GoldenReference.meanLimit)), max \(max) "
                + "at (\(at.x), \(at.y)) (limit \(GoldenReference.maxLimit))"
        }
    }

    static func difference(_ actual: RGBImage, _ expected: RGBImage) -> Difference {
        precondition(actual.width == expected.width && actual.height == expected.height)
        var sum = 0, worst = 0, at = 0
        var diff = [UInt8](repeating: 0, count: actual.pixels.count)
        for i in 0..<actual.pixels.count {
            let d = abs(Int(actual.pixels[i]) - Int(expected.pixels[i]))
            sum += d
            if d > worst { (worst, at) = (d, i / 3) }
            diff[i] = UInt8(min(255, 4 * d))
        }
        return Difference(mean: Double(sum) / Double(actual.pixels.count), max: worst,
                          at: (at % actual.width, at / actual.width),
                          image: RGBImage(width: actual.width, height: actual.height, pixels: diff))
    }

    /// Compares `actual` with the reference `name`, or records it when `FACECAST_RECORD_GOLDEN=1`. Every outcome
    /// but a match within tolerance records an issue, so a recording run never passes by accident.
    static func check(_ actual: RGBImage, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = url(name)
        let fm = FileManager.default
        if recording {
            let data = ppm(actual)
            let unchanged = (try? Data(contentsOf: url)) == data
            do {
                if !unchanged {
                    try fm.createDirectory(at: directory, withIntermediateDirectories: true)
                    try data.write(to: url, options: .atomic)
                }
                Issue.record("""
                    Recording (\(recordVariable)=1): \(unchanged ? "reference unchanged" : "wrote") \(url.path). \
                    Run the tests again without \(recordVariable) to compare.
                    """, sourceLocation: sourceLocation)
            } catch {
                Issue.record("Could not record \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard fm.fileExists(atPath: url.path) else {
            let saved = save(actual, as: name + ".actual")
            Issue.record("""
                Missing golden reference \(url.path) for "\(name)". If this is a new pose, record it: \(howToRecord). \
                This run's frame: \(saved)
                """, sourceLocation: sourceLocation)
            return
        }
        let expected: RGBImage
        do {
            expected = try readPPM(url)
        } catch {
            Issue.record("\(error). Re-record it: \(howToRecord)", sourceLocation: sourceLocation)
            return
        }
        guard expected.width == actual.width && expected.height == actual.height else {
            Issue.record("""
                Golden reference \(url.path) is \(expected.width)x\(expected.height), the test now makes \
                \(actual.width)x\(actual.height) frames. Re-record: \(howToRecord)
                """, sourceLocation: sourceLocation)
            return
        }
        let d = difference(actual, expected)
        if d.withinTolerance { return }
        let actualPath = save(actual, as: name + ".actual")
        let expectedPath = save(expected, as: name + ".expected")
        let diffPath = save(d.image, as: name + ".diff")
        Issue.record("""
            "\(name)" differs from its golden reference: \(d.summary).
            actual: \(actualPath)
            expected: \(expectedPath)
            difference (x4): \(diffPath)
            If the change is intended, re-record: \(howToRecord)
            """, sourceLocation: sourceLocation)
    }

    /// Writes an image for a failure report; returns its path (or why it could not).
    static func save(_ image: RGBImage, as name: String) -> String {
        let url = failureDirectory.appendingPathComponent(name + ".ppm")
        do {
            try FileManager.default.createDirectory(at: failureDirectory, withIntermediateDirectories: true)
            try ppm(image).write(to: url, options: .atomic)
            return url.path
        } catch {
            return "(could not write \(url.path): \(error))"
        }
    }
}
