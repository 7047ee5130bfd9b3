import Testing
@testable import FacecastCore

@Suite struct AlignmentLabelTests {
    static let longTextGrid = """
        File type = "ooTextFile"
        Object class = "TextGrid"

        xmin = 0
        xmax = 1.0
        tiers? <exists>
        size = 2
        item []:
            item [1]:
                class = "IntervalTier"
                name = "phone"
                xmin = 0
                xmax = 1.0
                intervals: size = 3
                intervals [1]:
                    xmin = 0
                    xmax = 0.25
                    text = ""
                intervals [2]:
                    xmin = 0.25
                    xmax = 0.5
                    text = "HH"
                intervals [3]:
                    xmin = 0.5
                    xmax = 1.0
                    text = "AY1"
            item [2]:
                class = "TextTier"
                name = "marks"
                xmin = 0
                xmax = 1.0
                points: size = 1
                points [1]:
                    number = 0.6
                    mark = "say ""hi"" now"
        """

    static let shortTextGrid = """
        File type = "ooTextFile"
        Object class = "TextGrid"

        0
        1.0
        <exists>
        2
        "IntervalTier"
        "word"
        0
        1.0
        1
        0.25
        1.0
        "hi"
        "IntervalTier"
        "phone"
        0
        1.0
        2
        0.25
        0.5
        "h"
        0.5
        1.0
        "aɪ"
        """

    @Test func readsLongAndShortTextGrids() throws {
        let long = try TextGridParser.labels(Self.longTextGrid)
        #expect(long.phones.map(\.label) == ["", "HH", "AY1"])
        #expect(long.phones[1] == LabeledInterval(start: 0.25, end: 0.5, label: "HH"))
        #expect(long.words.isEmpty)
        let short = try TextGridParser.labels(Self.shortTextGrid)
        #expect(short.phones.map(\.label) == ["h", "aɪ"])
        #expect(short.words == [LabeledInterval(start: 0.25, end: 1.0, label: "hi")])
    }

    @Test func rejectsATruncatedTextGrid() {
        #expect(throws: LabelParseError.self) { try TextGridParser.labels(String(Self.longTextGrid.prefix(400))) }
    }

    @Test func readsHTSLabelsWithWords() throws {
        // "hi you": sil, hh ay (word 1, one syllable), y uw (word 2), sil. Only the fields the parser reads are real.
        let lab = """
            0 1000000 x^x-sil+hh=ay@x_x/A:0_0_0/B:x-x-x@x-x&x-x/C:1
            1000000 2000000 x^sil-hh+ay=y@1_2/A:0_0_0/B:1-1-2@1-1&1-2/C:1
            2000000 3500000 sil^hh-ay+y=uw@2_1/A:0_0_0/B:1-1-2@1-1&1-2/C:1
            3500000 4000000 hh^ay-y+uw=sil@1_2/A:0_0_0/B:1-1-2@1-1&2-1/C:1
            4000000 5000000 ay^y-uw+sil=x@2_1/A:0_0_0/B:1-1-2@1-1&2-1/C:1
            5000000 6000000 y^uw-sil+x=x@x_x/A:0_0_0/B:x-x-x@x-x&x-x/C:1
            """
        let labels = try HTSLabelParser.labels(lab)
        #expect(labels.phones.map(\.label) == ["sil", "hh", "ay", "y", "uw", "sil"])
        #expect(labels.phones[2].start == 0.2 && labels.phones[2].end == 0.35)
        #expect(labels.words.map(\.start) == [0.1, 0.35])
        #expect(labels.words.map(\.end) == [0.35, 0.5])
        #expect(throws: LabelParseError.self) { try HTSLabelParser.labels("12 x^y") }
    }

    @Test func mapsEveryAlphabetOntoARPAbet() {
        let cases: [(String, String)] = [
            ("ð", "dh"), ("ˈaʊ", "aw"), ("ɑː", "aa"), ("dʒ", "jh"), ("ɚ", "er"), ("ɹ", "r"), ("ɡ", "g"), ("iː", "iy"),
            ("ᵻ", "ih"), ("oʊ", "ow"), ("AA1", "aa"), ("IY0", "iy"), ("hh", "hh"), ("ax", "ah"), ("pau", "sil"), ("", "sil"),
            ("θ", "th"), ("ŋ", "ng"), ("eɪ", "ey"), ("ʃ", "sh"),
        ]
        for (label, expected) in cases { #expect(PhoneClass.arpabet(label) == expected, "\(label)") }
    }

    @Test func scoresOnlyBoundariesBetweenMatchedPhones() {
        // Labels: sil hh ay l sil; alignment (espeak-like): sil h aɪ ə l sil with a schwa the annotator did not mark.
        let labels = LabelSet(phones: [
            .init(start: 0, end: 0.1, label: "sil"), .init(start: 0.1, end: 0.2, label: "hh"), .init(start: 0.2, end: 0.5, label: "ay"),
            .init(start: 0.5, end: 0.6, label: "l"), .init(start: 0.6, end: 0.8, label: "sil"),
        ], words: [.init(start: 0.1, end: 0.6, label: "HILE")])
        let aligned = SpeechTimeline(duration: 0.8, phones: [
            PhoneSegment(start: 0, end: 0.11, phone: "", viseme: .silence), PhoneSegment(start: 0.11, end: 0.19, phone: "h", viseme: .kk),
            PhoneSegment(start: 0.19, end: 0.45, phone: "ˈaɪ", viseme: .aa), PhoneSegment(start: 0.45, end: 0.52, phone: "ə", viseme: .E),
            PhoneSegment(start: 0.52, end: 0.63, phone: "l", viseme: .nn), PhoneSegment(start: 0.63, end: 0.8, phone: "", viseme: .silence),
        ], words: [WordSegment(start: 0.12, end: 0.62, text: "hile")])
        let score = AlignmentScore(aligned: aligned, labels: labels)
        #expect(score.phoneBoundariesTotal == 4)
        #expect(score.phoneBoundariesScored == 3, "ay→l is not scored: a schwa sits between them in the alignment")
        let errors = score.phoneErrors.map { ($0 * 1000).rounded() }
        #expect(errors == [10, 10, 30])
        #expect(score.wordErrors.map { ($0 * 1000).rounded() } == [20, 20])
        #expect(AlignmentScore.percentile([5, 1, 3, 2, 4], 0.5) == 3)
        #expect(AlignmentScore.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9)
    }
}
