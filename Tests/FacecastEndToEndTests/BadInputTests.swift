import FacecastEngine
import FacecastTesting
import Foundation
import Testing

/// Every kind of bad input gets a specific message, a documented exit code, and leaves no output file.
@Suite(.serialized) struct BadInputTests {
    func expectFailure(
        photo: String, text: String = "Hello there.", voice: String = "en-us", output: String? = nil,
        code: Int32, messageContains needle: String
    ) throws {
        let dir = try Fixtures.temporaryDirectory()
        let out = output ?? dir.appendingPathComponent("out.mp4").path
        let run = try Fixtures.runCLI(["render", photo, "--text", text, "--voice", voice, "-o", out, "--quiet"])
        #expect(run.status == code, "exit \(run.status), stderr: \(run.stderr)")
        #expect(run.stderr.contains(needle), "stderr: \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "nothing may be left at the output path")
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        #expect(leftovers.isEmpty, "no temporary files left: \(leftovers)")
    }

    @Test func photoWithoutAFace() throws {
        try expectFailure(photo: try Fixtures.path("no_face_cat.png"), code: 3, messageContains: "No face found")
    }

    /// A real JPEG whose EXIF tag turns its upright picture on its side (thumbor's test file): the message says the
    /// tag is the problem, where a photo without a face gets the plain message.
    @Test func photoWhoseOrientationTagHidesItsFace() throws {
        try expectFailure(photo: try Fixtures.path("cmyk_portrait_rotated.jpg"), code: 3,
                          messageContains: "as its EXIF orientation tag shows it (turned 90° clockwise), but the picture as stored has a face")
        let engine = Engine()
        #expect(engine.misorientedPhotoError(photoPath: try Fixtures.path("no_face_cat.png"), displayName: "cat") == nil)
        #expect(engine.misorientedPhotoError(photoPath: try Fixtures.path("cmyk_portrait.jpg"), displayName: "upright") == nil)
    }

    @Test func fileThatIsNotAnImage() throws {
        let f = try Fixtures.temporaryDirectory().appendingPathComponent("notes.jpg")
        try Data("this is plainly text, whatever its name says\n".utf8).write(to: f)
        try expectFailure(photo: f.path, code: 2, messageContains: "is not an image")
    }

    @Test func truncatedJPEG() throws {
        let full = try Data(contentsOf: URL(fileURLWithPath: try Fixtures.path("grace_hopper.jpg")))
        let f = try Fixtures.temporaryDirectory().appendingPathComponent("cut.jpg")
        try full.prefix(full.count / 3).write(to: f)
        try expectFailure(photo: f.path, code: 2, messageContains: "could not be decoded")
    }

    @Test func missingPhoto() throws {
        try expectFailure(photo: "/nonexistent/photo.jpg", code: 2, messageContains: "does not exist")
    }

    @Test func emptyText() throws {
        try expectFailure(photo: try Fixtures.path("astronaut.png"), text: "   ", code: 4, messageContains: "script is empty")
    }

    @Test func onlyPunctuation() throws {
        try expectFailure(photo: try Fixtures.path("astronaut.png"), text: "?!… --- ...", code: 4, messageContains: "nothing speakable")
    }

    @Test func unknownVoice() throws {
        try expectFailure(photo: try Fixtures.path("astronaut.png"), voice: "klingon-xx", code: 4, messageContains: "Unknown voice")
    }

    @Test func outputFolderMissing() throws {
        try expectFailure(photo: try Fixtures.path("astronaut.png"), output: "/nonexistent-dir/sub/out.mp4", code: 5,
                          messageContains: "does not exist")
    }

    @Test func outputIsAFolder() throws {
        let dir = try Fixtures.temporaryDirectory()
        let run = try Fixtures.runCLI(["render", try Fixtures.path("astronaut.png"), "--text", "Hi.", "-o", dir.path, "--quiet"])
        #expect(run.status == 5, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("is a folder"))
    }

    @Test func tooManyPixelsIsRefusedBeforeDecoding() throws {
        // A valid PNG header claiming 10000×10000 pixels: refused from the header alone.
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        png += [0, 0, 0x27, 0x10, 0, 0, 0x27, 0x10, 8, 2, 0, 0, 0]
        png += crc32(Array(png[12...])).bigEndianBytes
        png += [0, 0, 0, 0] + Array("IDAT".utf8) + crc32(Array("IDAT".utf8)).bigEndianBytes
        png += [0, 0, 0, 0] + Array("IEND".utf8) + crc32(Array("IEND".utf8)).bigEndianBytes
        let f = try Fixtures.temporaryDirectory().appendingPathComponent("bomb.png")
        try Data(png).write(to: f)
        try expectFailure(photo: f.path, code: 2, messageContains: "megapixels")
    }

    @Test func usageErrorsExitWith64() throws {
        let run = try Fixtures.runCLI(["render", "x.jpg"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--text"))
    }

    @Test func analyzeReportsFacesAndExits3WithoutOne() throws {
        let ok = try Fixtures.runCLI(["analyze", try Fixtures.path("astronaut.png")])
        #expect(ok.status == 0)
        let analysis = try JSONDecoder().decode(PhotoAnalysis.self, from: Data(ok.stdout.utf8))
        #expect(analysis.faces.count == 1)
        #expect(analysis.faces[0].landmarks.count == 68)
        let none = try Fixtures.runCLI(["analyze", try Fixtures.path("no_face_cat.png")])
        #expect(none.status == 3)
    }
}

private func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        crc ^= UInt32(b)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}

extension UInt32 {
    fileprivate var bigEndianBytes: [UInt8] { [UInt8(self >> 24), UInt8(self >> 16 & 0xFF), UInt8(self >> 8 & 0xFF), UInt8(self & 0xFF)] }
}

extension BadInputTests {
    @Test func malformedMarkupNamesLineAndColumn() throws {
        try expectFailure(photo: try Fixtures.path("astronaut.png"), text: "<speak>Hello\n<prosody rate=\"warp\">there</prosody></speak>",
                          code: 4, messageContains: "line 2, column 10: rate \"warp\"")
    }

    @Test func onlyEmoji() throws {
        try expectFailure(photo: try Fixtures.path("astronaut.png"), text: "😀🎉 👍", code: 4, messageContains: "nothing speakable")
    }
}
