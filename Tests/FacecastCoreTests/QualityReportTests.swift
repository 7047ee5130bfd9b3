import Foundation
import Testing
@testable import FacecastCore

@Suite struct QualityReportTests {
    static func report() -> QualityReport {
        QualityReport(
            video: "out.mp4", source: "face.jpg", width: 512, height: 512, fps: 25, frames: 300,
            videoDuration: 12, audioDuration: 11.98,
            identity: .init(mean: 0.2, max: 0.4, samples: 30),   // max fails
            facePresent: 1,
            sync: SyncMeasurement(offset: 0.02, strength: 0.7, curve: [.init(lag: 0, r: 0.7)]),
            bilabials: [BilabialClosure(phone: "p", time: 1, minimumOpening: 0.01, closed: true),
                        BilabialClosure(phone: "m", time: 2, minimumOpening: 0.2, closed: false)],   // 50 % fails
            blinks: [BlinkEvent(start: 1, end: 1.2, minimumEAR: 0.05), BlinkEvent(start: 4, end: 4.12, minimumEAR: 0.05),
                     BlinkEvent(start: 8, end: 8.28, minimumEAR: 0.05)],
            background: .init(video: 38, still: 39, backgroundFraction: 0.6),
            faceDetail: .init(video: 120, still: 300),
            jitter: JitterMeasurement(mean: 0.3, p95: 0.5, max: 0.7, pairs: 100))
    }

    @Test func checksAndTable() {
        let r = Self.report()
        #expect(abs(r.blinksPerMinute - 15) < 1e-9)
        #expect(r.bilabialClosedShare == 0.5)
        #expect(r.background?.drop == 1)
        let checks = r.checks
        #expect(checks.count == 11)
        func pass(_ name: String) -> Bool?? { checks.first { $0.metric == name }.map(\.pass) }
        #expect(pass("identity distance (mean)") == true)
        #expect(pass("identity distance (max)") == false)
        #expect(pass("AV offset") == true)
        #expect(pass("bilabial closures") == false)
        #expect(pass("blink rate") == true)
        #expect(pass("blink durations") == true)
        #expect(pass("duration") == true)
        #expect(checks.first { $0.metric == "blink durations" }?.value == "min 120 ms, max 280 ms")
        #expect(checks.first { $0.metric == "blink rate" }?.value.hasPrefix("15.0/min") == true)
        let table = r.table()
        #expect(table.contains("PASS") && table.contains("FAIL"))
        #expect(table.contains("9 of 11 targets met"))
        // Fixed width: every check row has its result in the same column.
        let lines = table.split(separator: "\n").filter { $0.hasSuffix("PASS") || $0.hasSuffix("FAIL") }
        #expect(lines.count == 11)
        #expect(Set(lines.map(\.count)).count == 1)
    }

    @Test func identityMaxSaysWhenItIsAndWhetherABlinkMadeIt() throws {
        let blinks: [(start: Double, end: Double)] = [(2.8, 3.0)]
        let samples: [(time: Double, distance: Double)] = [(2.0, 0.22), (2.5, 0.31), (2.88, 0.47), (3.0, 0.26)]
        let inBlink = try #require(QualityReport.Identity(samples: samples, blinks: blinks))
        #expect(abs(inBlink.mean - 0.315) < 1e-9 && inBlink.max == 0.47 && inBlink.samples == 4)
        #expect(inBlink.maxTime == 2.88)
        // 3.0 is the first frame back open: outside the blink.
        #expect(inBlink.maxOutsideBlinks == 0.31)
        var r = Self.report()
        r.identity = inBlink
        #expect(r.checks.first { $0.metric == "identity distance (max)" }?.value == "0.470 at 2.88 s, in a blink (outside blinks 0.310)")
        #expect(r.checks.first { $0.metric == "identity distance (max)" }?.pass == false, "a blink still counts")

        let open = try #require(QualityReport.Identity(samples: samples, blinks: [(5, 5.2)]))
        #expect(open.maxOutsideBlinks == nil)
        r.identity = open
        #expect(r.checks.first { $0.metric == "identity distance (max)" }?.value == "0.470 at 2.88 s")
        #expect(QualityReport.Identity(samples: [], blinks: blinks) == nil)
    }

    @Test func missingMeasurementsAreNotApplicableAndStillVideoFailsBlinks() {
        var r = Self.report()
        r.identity = nil
        r.sync = nil
        r.bilabials = nil
        r.blinks = []
        let checks = r.checks
        let notMeasured: [String] = checks.filter { $0.pass == nil }.map(\.metric)
        let expected: [String] = ["identity distance (mean)", "identity distance (max)", "AV offset", "sync strength",
                                  "bilabial closures", "blink durations"]
        #expect(notMeasured == expected)
        #expect(checks.first { $0.metric == "blink rate" }?.pass == false)
        #expect(r.table().contains("n/a"))
        r.audioDuration = 11.9   // 2.5 frames off
        #expect(r.checks.first { $0.metric == "duration" }?.pass == false)
    }

    @Test func jsonCarriesChecksAndRoundTripsTheMeasurements() throws {
        let r = Self.report()
        let data = try JSONEncoder().encode(r)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let checks = try #require(json["checks"] as? [[String: Any]])
        #expect(checks.count == 11)
        #expect(checks.first?["metric"] as? String == "identity distance (mean)")
        #expect(json["blinksPerMinute"] as? Double == 15)
        #expect((json["blinks"] as? [[String: Any]])?.first?["duration"] != nil)
        #expect(json["targets"] != nil)
        let detail = try #require(json["faceDetail"] as? [String: Any])
        #expect(detail["share"] as? Double == 0.4)
        #expect(checks.allSatisfy { ($0["metric"] as? String)?.contains("detail") == false }, "informational, not a check")
        #expect(r.table().contains("face detail: 0.40 of a still encode's (no target)"))
        let back = try JSONDecoder().decode(QualityReport.self, from: data)
        #expect(back == r)
        #expect(QualityTargets.standard.avOffsetMaxAbs == 0.040 && QualityTargets.standard.blinksPerMinuteMax == 30)
        #expect(json["perFrame"] == nil, "not recorded, not written")
    }

    @Test func perFrameSeriesHasEveryKeyWithNullsWhereNoFace() throws {
        var r = Self.report()
        r.perFrame = [.init(time: 0, mouthOpening: 0.1, eyeAspectRatio: 0.3, yaw: -2, identityDistance: 0.21, motion: 0.4, still: true),
                      .init(time: 0.04, mouthOpening: nil, eyeAspectRatio: nil, yaw: nil)]
        let data = try JSONEncoder().encode(r)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let frames = try #require(json["perFrame"] as? [[String: Any]])
        #expect(frames.count == 2)
        #expect(frames[0]["yaw"] as? Double == -2 && frames[0]["mouthOpening"] as? Double == 0.1)
        #expect(frames[0]["identityDistance"] as? Double == 0.21)
        #expect(frames[0]["motion"] as? Double == 0.4 && frames[0]["still"] as? Bool == true)
        #expect(Set(frames[1].keys) == ["time", "mouthOpening", "eyeAspectRatio", "yaw", "identityDistance", "motion", "still"])
        #expect(frames[1]["identityDistance"] is NSNull && frames[1]["motion"] is NSNull)
        #expect(frames[1]["still"] as? Bool == false)
        #expect(frames[1]["eyeAspectRatio"] is NSNull)
        #expect(json["frames"] as? Int == 300, "the existing fields are unchanged")
        #expect(try JSONDecoder().decode(QualityReport.self, from: data) == r)
        // A report written before motion/still existed still reads.
        let old = try JSONDecoder().decode(QualityReport.FrameSample.self, from: Data(#"{"time": 1, "mouthOpening": null}"#.utf8))
        #expect(old.time == 1 && old.motion == nil && !old.still)
    }
}

@Suite struct QualityChartTests {
    static func series(seconds: Double) -> QualityChart.Series {
        let frames = Int(seconds * 25), hops = Int(seconds * 100)
        let mouth: [Double?] = (0..<frames).map { (i: Int) -> Double? in
            if i % 50 == 7 { return nil }
            return 0.15 + 0.1 * sin(Double(i) * 0.3)
        }
        let loud: [Double] = (0..<hops).map { (k: Int) -> Double in 0.5 + 0.4 * sin(Double(k) * 0.02) }
        return QualityChart.Series(
            fps: 25, mouth: mouth, loudness: loud, hop: 0.01,
            blinks: [BlinkEvent(start: 1, end: 1.4, minimumEAR: 0.05)],
            bilabials: [BilabialClosure(phone: "p", time: 2, minimumOpening: 0.01, closed: true),
                        BilabialClosure(phone: "m", time: 3, minimumOpening: 0.2, closed: false)],
            syncOffset: 0.012, title: "out.mp4 quality")
    }

    func count(_ img: RGBImage, _ c: (UInt8, UInt8, UInt8), rows: Range<Int>? = nil) -> Int {
        let r = rows ?? 0..<img.height
        var n = 0
        img.pixels.withUnsafeBufferPointer { px in
            var i = r.lowerBound * img.width * 3
            let end = r.upperBound * img.width * 3
            while i < end {
                if px[i] == c.0 && px[i + 1] == c.1 && px[i + 2] == c.2 { n += 1 }
                i += 3
            }
        }
        return n
    }

    @Test func rendersAReadableChart() {
        let img = QualityChart.render(Self.series(seconds: 10))
        #expect(img.width == 1200 && img.height == 420)
        #expect(count(img, QualityChart.mouthColour) > 500)
        #expect(count(img, QualityChart.loudnessColour) > 500)
        #expect(count(img, QualityChart.blinkColour) > 1000)
        #expect(count(img, QualityChart.closedColour, rows: 100..<420) > 10)
        #expect(count(img, QualityChart.openColour, rows: 100..<420) > 10)
        #expect(count(img, QualityChart.textColour, rows: 0..<40) > 200)   // the title
        #expect(count(img, (255, 255, 255)) > img.width * img.height / 2)
    }

    @Test func longVideosStackRowsAtTheSameWidth() {
        let img = QualityChart.render(Self.series(seconds: 90))
        #expect(img.width == 1200)
        #expect(img.height > 420)
        #expect(count(img, QualityChart.mouthColour, rows: img.height - 200..<img.height) > 100)   // the last row has data
    }
}

@Suite struct QualityFontTests {
    @Test func sharesTheDisclosureLabelGlyphs() {
        for (c, rows) in DisclosureLabel.font { #expect(BitmapFont.glyph(c) == rows, "\(c)") }
        for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:%/-+()=<>_" { #expect(BitmapFont.glyph(c) != nil, "\(c)") }
        #expect(BitmapFont.glyph("m") == BitmapFont.glyph("M"))
        #expect(BitmapFont.width(of: "AB", scale: 2) == 22)
    }

    @Test func drawTextAndLines() {
        var img = RGBImage(width: 20, height: 20, fill: (255, 255, 255))
        let w = img.drawText("T", x: 1, y: 2, scale: 2, colour: (0, 0, 0))
        #expect(w == 10)
        // "T": full top row (y 2-3, x 1-10), then the stem at glyph column 2 (x 5-6).
        #expect(img[1, 2] == (0, 0, 0) && img[10, 3] == (0, 0, 0) && img[11, 2] == (255, 255, 255))
        #expect(img[5, 15] == (0, 0, 0) && img[6, 15] == (0, 0, 0) && img[4, 15] == (255, 255, 255))
        #expect(img[5, 16] == (255, 255, 255))
        var l = RGBImage(width: 10, height: 10, fill: (255, 255, 255))
        l.drawLine(from: Point(0, 0), to: Point(9, 9), colour: (1, 2, 3))
        #expect((0..<10).allSatisfy { l[$0, $0] == (1, 2, 3) })
        #expect(l[1, 0] == (255, 255, 255))
        l.drawLine(from: Point(-5, 5), to: Point(20, 5), colour: (9, 9, 9), thickness: 3)   // clipped, 3 px thick
        #expect(l[0, 4] == (9, 9, 9) && l[9, 6] == (9, 9, 9) && l[5, 7] != (9, 9, 9))
    }
}
