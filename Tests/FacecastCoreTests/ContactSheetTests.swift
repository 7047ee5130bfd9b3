import Testing
@testable import FacecastCore

@Suite struct ContactSheetTests {
    static let colours: [(UInt8, UInt8, UInt8)] = [(200, 30, 30), (30, 200, 30), (30, 30, 200), (200, 200, 30)]

    func tile(_ k: Int, width: Int = 300, height: Int = 300, caption: String = "") -> ContactSheet.Tile {
        ContactSheet.Tile(image: RGBImage(width: width, height: height, fill: Self.colours[k]), caption: caption)
    }

    func count(_ img: RGBImage, _ c: (UInt8, UInt8, UInt8), x: Range<Int>, y: Range<Int>) -> Int {
        var n = 0
        for yy in y { for xx in x where img[xx, yy] == c { n += 1 } }
        return n
    }

    @Test func sizeIsThreeColumnsOfTilesAndGrowsByRowsAndNotes() {
        let one = ContactSheet.size(tiles: 1, notes: 0)
        #expect(one.width == 3 * 256 + 2 * 16 + 2 * 16)
        #expect(ContactSheet.size(tiles: 3, notes: 0) == one)
        let two = ContactSheet.size(tiles: 4, notes: 0)
        #expect(two.width == one.width)
        #expect(two.height - one.height == ContactSheet.origin(ofTile: 3).y - ContactSheet.origin(ofTile: 0).y)
        #expect(two.height - one.height > 256)
        #expect(ContactSheet.size(tiles: 6, notes: 2).height - ContactSheet.size(tiles: 6, notes: 0).height
                == 2 * ContactSheet.lineHeight)
        let img = ContactSheet.render(title: "T", tiles: (0..<4).map { tile($0) }, notes: ["A NOTE"])
        let expected = ContactSheet.size(tiles: 4, notes: 1)
        #expect(img.width == expected.width && img.height == expected.height)
    }

    @Test func tilesFillTheirCellsInRowMajorOrder() {
        let img = ContactSheet.render(title: "SHEET", tiles: (0..<4).map { tile($0) })
        for k in 0..<4 {
            let (x, y) = ContactSheet.origin(ofTile: k)
            #expect(count(img, Self.colours[k], x: x..<x + 256, y: y..<y + 256) == 256 * 256, "tile \(k)")
            #expect(img[x - 1, y + 100] == ContactSheet.background && img[x + 256, y + 100] == ContactSheet.background)
        }
        #expect(ContactSheet.origin(ofTile: 3).x == ContactSheet.origin(ofTile: 0).x)
        #expect(ContactSheet.origin(ofTile: 1).y == ContactSheet.origin(ofTile: 0).y)
        #expect(ContactSheet.origin(ofTile: 2).x > ContactSheet.origin(ofTile: 1).x + 256)
    }

    @Test func wideTileIsFittedAndCentredInItsCell() {
        let img = ContactSheet.render(title: "", tiles: [tile(0, width: 200, height: 100)])
        let (x, y) = ContactSheet.origin(ofTile: 0)
        #expect(count(img, Self.colours[0], x: x..<x + 256, y: y..<y + 256) == 256 * 128)
        #expect(img[x + 128, y + 10] == ContactSheet.letterbox)
        #expect(img[x + 128, y + 64] == Self.colours[0] && img[x + 128, y + 191] == Self.colours[0])
        #expect(img[x + 128, y + 250] == ContactSheet.letterbox)
    }

    @Test func captionsAreDrawnUnderTheirTileLineByLine() {
        let caption = "BLINK 5.60 S\nEAR 0.13"
        let img = ContactSheet.render(title: "TITLE", tiles: [tile(0, caption: caption), tile(1)])
        for (k, line) in ["BLINK 5.60 S", "EAR 0.13"].enumerated() {
            // The same text drawn alone, where the caption's line k should be.
            let (x, y) = ContactSheet.origin(ofTile: 0)
            let top = y + 256 + 6 + k * ContactSheet.lineHeight
            var expected = RGBImage(width: 256, height: ContactSheet.lineHeight, fill: ContactSheet.background)
            expected.drawText(line, x: 0, y: 0, scale: 2, colour: ContactSheet.textColour)
            #expect(img.cropped(x: x, y: top, width: 256, height: ContactSheet.lineHeight) == expected, "line \(k)")
        }
        let (x1, y1) = ContactSheet.origin(ofTile: 1)
        #expect(count(img, ContactSheet.textColour, x: x1..<x1 + 256, y: y1 + 256..<y1 + 256 + 40) == 0, "no caption, no text")
        #expect(count(img, ContactSheet.textColour, x: 0..<img.width, y: 0..<ContactSheet.origin(ofTile: 0).y) > 50, "the title")
    }

    @Test func longCaptionLinesWrapAtSpacesToTheTileWidth() {
        let lines = ContactSheet.wrap("HEAD TURN 7.10 S\nYAW +6 (START +1) AND SOME MORE WORDS", width: 256)
        #expect(lines.count == 3)
        #expect(lines[0] == "HEAD TURN 7.10 S")
        for l in lines { #expect(BitmapFont.width(of: l, scale: 2) <= 256, "\(l)") }
        #expect(lines.joined(separator: " ") == "HEAD TURN 7.10 S YAW +6 (START +1) AND SOME MORE WORDS")
    }

    @Test func faceSquareIsTwiceTheBoxAndStaysInsideTheImage() {
        let mid = ContactSheet.faceSquare(around: Rect(x: 250, y: 140, width: 100, height: 120), width: 640, height: 480)
        #expect(mid == (x: 180, y: 80, side: 240))
        let corner = ContactSheet.faceSquare(around: Rect(x: 10, y: 10, width: 100, height: 100), width: 640, height: 480)
        #expect(corner == (x: 0, y: 0, side: 200))
        let edge = ContactSheet.faceSquare(around: Rect(x: 600, y: 400, width: 80, height: 80), width: 640, height: 480)
        #expect(edge == (x: 480, y: 320, side: 160))
        let huge = ContactSheet.faceSquare(around: Rect(x: 100, y: 0, width: 400, height: 400), width: 640, height: 480)
        #expect(huge == (x: 60, y: 0, side: 480))
    }

    @Test func pasteClipsAtTheEdges() {
        var img = RGBImage(width: 10, height: 10)
        img.paste(RGBImage(width: 4, height: 4, fill: (9, 9, 9)), x: -2, y: 8)
        #expect(count(img, (9, 9, 9), x: 0..<10, y: 0..<10) == 4)
        #expect(img[0, 8] == (9, 9, 9) && img[1, 9] == (9, 9, 9) && img[2, 8] == (0, 0, 0))
    }
}

@Suite struct ContactSheetPickerTests {
    static let fps = 25.0

    /// "Bam, ma fa ee": an initial b (after silence), a short open vowel, an m between vowels, f, a long open vowel, v, i.
    static let timeline = SpeechTimeline(
        duration: 1.6,
        phones: [
            PhoneSegment(start: 0.00, end: 0.10, phone: "", viseme: .silence),
            PhoneSegment(start: 0.10, end: 0.22, phone: "b", viseme: .PP),
            PhoneSegment(start: 0.22, end: 0.35, phone: "ˈæ", viseme: .aa),
            PhoneSegment(start: 0.35, end: 0.45, phone: "m", viseme: .PP),
            PhoneSegment(start: 0.45, end: 0.55, phone: "ə", viseme: .E),
            PhoneSegment(start: 0.55, end: 0.67, phone: "f", viseme: .FF),
            PhoneSegment(start: 0.67, end: 0.90, phone: "ɑː", viseme: .aa),
            PhoneSegment(start: 0.90, end: 1.00, phone: "v", viseme: .FF),
            PhoneSegment(start: 1.00, end: 1.40, phone: "iː", viseme: .I),
        ],
        words: [WordSegment(start: 0.1, end: 0.35, text: "Bam,"), WordSegment(start: 0.35, end: 0.55, text: "ma"),
                WordSegment(start: 0.55, end: 0.90, text: "fa"), WordSegment(start: 0.90, end: 1.4, text: "vee!")])

    /// Open eyes (0.30) with one blink over frames 30–33, deepest (0.08) at 31. Yaw +2, turning to +8 over frames
    /// 10–14 and to -6 over 23–27, with one-frame landmark glitches (+30 at 5, -20 at 17) that are not head turns.
    static let ear: [Double?] = (0..<40).map { [30: 0.2, 31: 0.08, 32: 0.12, 33: 0.2][$0] ?? 0.3 }
    static let yaw: [Double?] = (0..<40).map { i in
        (10...14).contains(i) ? 8 : (23...27).contains(i) ? -6 : [5: 30.0, 17: -20.0][i] ?? 2
    }

    func run(_ picker: inout ContactSheetPicker, ear: [Double?], yaw: [Double?]) {
        for i in ear.indices {
            picker.observe(eyeAspectRatio: ear[i], yaw: yaw[i])
            #expect(picker.neededFrames.count <= 8, "only a few frames are ever kept")
        }
    }

    @Test func picksEachMomentAtItsFrame() throws {
        var picker = ContactSheetPicker(timeline: Self.timeline, scheduledBlinks: [Blink(start: 1.2, duration: 0.2)],
                                        fps: Self.fps, frameCount: 40)
        #expect(picker.neededFrames == [20, 10, 15, 32])   // the phone moments and the scheduled blink, known up front
        run(&picker, ear: Self.ear, yaw: Self.yaw)
        let (moments, notes) = picker.moments(measuredBlinks: BlinkAnalysis.detect(ear: Self.ear, fps: Self.fps))
        #expect(notes.isEmpty, "\(notes)")
        #expect(moments.map(\.kind) == [.vowel, .bilabial, .labiodental, .blink, .headTurn])
        // The longest open vowel ɑː (0.785 s), the m between vowels (not the longer initial b), the longer f/v (f).
        // The turn is the first frame whose ±2-frame median reaches -6, not a glitch.
        #expect(moments.map(\.frame) == [20, 10, 15, 31, 23])
        #expect(moments[0].caption == "VOWEL 'AA' 0.80 S\nIN 'FA'")
        #expect(moments[1].caption == "P/B/M 'M' 0.40 S\nIN 'MA'")
        #expect(moments[2].caption == "F/V 'F' 0.60 S\nIN 'FA'")
        #expect(moments[3].caption == "BLINK 1.24 S\nEAR 0.08")
        #expect(moments[4].caption == "HEAD TURN 0.92 S\nYAW -6 (START +2)")
        #expect(picker.neededFrames.isSuperset(of: moments.map(\.frame)))
        for m in moments { for c in m.caption where c != "\n" { #expect(BitmapFont.glyph(c) != nil, "\(c) in \(m.caption)") } }
    }

    @Test func missingMomentsAreSkippedWithANoteNeverFaked() {
        let noLabiodental = SpeechTimeline(duration: 1, phones: Self.timeline.phones.filter { $0.viseme != .FF && $0.viseme != .aa },
                                           words: [])
        var picker = ContactSheetPicker(timeline: noLabiodental, scheduledBlinks: [], fps: Self.fps, frameCount: 40)
        run(&picker, ear: [Double?](repeating: 0.3, count: 40), yaw: [Double?](repeating: nil, count: 40))
        let (moments, notes) = picker.moments(measuredBlinks: [])
        // The vowel falls back to the longest vowel (iː, 1.20 s); no word covers it, so no second line.
        #expect(moments.map(\.kind) == [.vowel, .bilabial])
        #expect(moments[0].caption == "VOWEL 'I' 1.20 S")
        #expect(notes.contains { $0.contains("NO OPEN VOWEL") })
        #expect(notes.contains { $0.hasPrefix("NO F/V") })
        #expect(notes.contains { $0.hasPrefix("NO BLINK") })
        #expect(notes.contains { $0.contains("HEAD TURN") })
    }

    @Test func withoutAMeasuredBlinkTheScheduledOneIsShownAsNotDetected() {
        let blinks = [Blink(start: 0.5, duration: 0.2), Blink(start: 1.0, duration: 0.3)]
        var picker = ContactSheetPicker(timeline: nil, scheduledBlinks: blinks, fps: Self.fps, frameCount: 40)
        run(&picker, ear: Self.ear, yaw: Self.yaw)
        // The eyes dipped but qa found no blink there: the dip is not shown as one.
        let (moments, notes) = picker.moments(measuredBlinks: [])
        #expect(moments.map(\.kind) == [.blink, .headTurn])
        // Full closure of the longer blink: 1.0 + 0.375 × 0.3 = 1.1125 s → frame 28.
        #expect(moments[0].frame == 28)
        #expect(moments[0].caption == "BLINK 1.12 S\nSCHEDULED, NOT DETECTED")
        #expect(notes == ["NO TIMELINE: NO VOWEL, P/B/M OR F/V TILES"])
    }
}
