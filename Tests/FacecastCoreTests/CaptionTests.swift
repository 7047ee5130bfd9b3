import FacecastCore
import Testing

@Suite struct CaptionTests {
    /// Words evenly timed, `gap` seconds of pause after words whose index is in `pausesAfter`.
    static func timeline(_ words: [String], wordLength: Double = 0.3, pausesAfter: Set<Int> = [], gap: Double = 0.8) -> SpeechTimeline {
        var t = 0.2
        var segments: [WordSegment] = []
        for (i, w) in words.enumerated() {
            segments.append(WordSegment(start: t, end: t + wordLength, text: w))
            t += wordLength + (pausesAfter.contains(i) ? gap : 0.02)
        }
        return SpeechTimeline(duration: t + 0.3, phones: [], words: segments)
    }

    @Test func keepsTheScriptsPunctuationAndSplitsSentences() {
        let script = "Hello, world! It's “me” again."
        let tl = Self.timeline(["Hello", "world", "It's", "me", "again"])
        let cues = CaptionBuilder().cues(for: tl, script: script)
        #expect(cues.map(\.text) == ["Hello, world!", "It's “me” again."])
        #expect(cues[0].start == tl.words[0].start)
        #expect(cues[1].end == tl.words[4].end)
    }

    @Test func longSentencesWrapIntoTwoBalancedLinesWithinTheWidth() {
        let words = "This is a rather long sentence that keeps going well past what fits on one single caption line for sure"
            .split(separator: " ").map(String.init)
        let cues = CaptionBuilder().cues(for: Self.timeline(words, wordLength: 0.2), script: words.joined(separator: " "))
        #expect(cues.count >= 2)
        for cue in cues {
            #expect(cue.lines.count <= 2)
            for line in cue.lines { #expect(CaptionBuilder.width(of: line) <= 42, "\(line)") }
            #expect(cue.end - cue.start <= 6.0 + 1e-9)
        }
        // Every word appears exactly once, in order.
        #expect(cues.flatMap { $0.lines.flatMap { $0.split(separator: " ").map(String.init) } } == words)
        let two = cues.first { $0.lines.count == 2 }!
        let (a, b) = (CaptionBuilder.width(of: two.lines[0]), CaptionBuilder.width(of: two.lines[1]))
        #expect(abs(a - b) <= 12, "lines are balanced: \(two.lines)")
    }

    @Test func aPauseStartsANewCue() {
        let cues = CaptionBuilder().cues(for: Self.timeline(["one", "two", "three", "four"], pausesAfter: [1]), script: "one two three four")
        #expect(cues.map(\.text) == ["one two", "three four"])
    }

    @Test func chineseKeepsNoSpacesAndCountsDoubleWidth() {
        let script = "你好，世界。我们今天讲一个很长很长的故事，关于一个小小的村庄和住在那里的人们。"
        let words = ["你好", "世界", "我们", "今天", "讲", "一个", "很长", "很长", "的", "故事", "关于", "一个", "小小", "的", "村庄", "和",
                     "住在", "那里", "的", "人们"]
        let cues = CaptionBuilder().cues(for: Self.timeline(words, wordLength: 0.25), script: script)
        #expect(cues.first?.text == "你好，世界。")
        #expect(cues.allSatisfy { !$0.text.contains(" ") })
        for cue in cues { for line in cue.lines { #expect(CaptionBuilder.width(of: line) <= 42) } }
        #expect(cues.map { $0.lines.joined() }.joined() == script)
        #expect(CaptionBuilder.width(of: "你好") == 4)
    }

    @Test func wordsTheScriptSpellsDifferentlyKeepTheTimelinesText() {
        // espeak-ng reports "twenty" for "20"; the caption still shows every timed word.
        let cues = CaptionBuilder().cues(for: Self.timeline(["I", "am", "twenty"]), script: "I am 20.")
        #expect(cues.map(\.text) == ["I am twenty"])
    }

    @Test func shortCuesAreStretchedButNeverOverlapTheNext() {
        let tl = SpeechTimeline(duration: 3, phones: [], words: [
            WordSegment(start: 0.1, end: 0.3, text: "Hi."), WordSegment(start: 0.7, end: 1.0, text: "Bye."),
        ])
        let cues = CaptionBuilder().cues(for: tl, script: "Hi. Bye.")
        #expect(cues.count == 2)
        #expect(cues[0].end == 0.7)
        #expect(abs(cues[1].end - 1.6) < 1e-9)
    }

    @Test func srtAndWebVTTDocuments() {
        let cues = [CaptionCue(start: 0.2, end: 1.5, lines: ["Fish & chips", "<now>"]),
                    CaptionCue(start: 3661.0456, end: 3662, lines: ["later"])]
        #expect(CaptionFormat.srt.document(cues) == """
            1
            00:00:00,200 --> 00:00:01,500
            Fish & chips
            <now>

            2
            01:01:01,046 --> 01:01:02,000
            later

            """)
        #expect(CaptionFormat.vtt.document(cues) == """
            WEBVTT

            00:00:00.200 --> 00:00:01.500
            Fish &amp; chips
            &lt;now&gt;

            01:01:01.046 --> 01:01:02.000
            later

            """)
    }
}

extension CaptionTests {
    @Test func freeStandingPunctuationStaysInTheCaption() {
        let cues = CaptionBuilder().cues(for: Self.timeline(["at", "ten", "really"]), script: "at ten — really.")
        #expect(cues.map(\.text) == ["at ten — really."])
    }
}
